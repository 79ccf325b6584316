// `onLift` lets a class grant permissions for what it hides.
bring cloud;

class Store {
  b: cloud.Bucket;
  new() {
    this.b = new cloud.Bucket();
  }
  pub onLift(host: std.IInflightHost, ops: Array<str>) {
    if ops.contains("save") {
      this.b.onLift(host, ["put"]);
    }
    if ops.contains("load") {
      this.b.onLift(host, ["get"]);
    }
  }
  pub inflight save(k: str, v: str) {
    this.b.put(k, v);
  }
  pub inflight load(k: str): str {
    return this.b.get(k);
  }
}

let store = new Store();

test "onLift" {
  store.save("a", "1");
  assert(store.load("a") == "1");
}
