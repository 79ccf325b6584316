// An inflight method of a user class cannot be called from the constructor of another class.
bring cloud;

class Store {
  bucket: cloud.Bucket;
  new() {
    this.bucket = new cloud.Bucket();
  }
  pub inflight save(key: str, value: str) {
    this.bucket.put(key, value);
  }
}

class App {
  store: Store;
  new() {
    this.store = new Store();
    this.store.save("version", "1.0");
  }
}

new App();
