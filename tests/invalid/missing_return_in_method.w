// An inflight method with a return type must return on every path, including when the `if` is false.
bring cloud;

class Cache {
  store: cloud.Bucket;
  new() {
    this.store = new cloud.Bucket();
  }
  pub inflight lookup(key: str): str {
    if this.store.exists(key) {
      return this.store.get(key);
    }
  }
}
