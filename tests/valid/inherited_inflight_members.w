// Inheritance with inflight members on preflight classes: the base class
// owns a bucket and inflight helpers, a subclass overrides an inflight
// method and calls `super.m()` inflight, and inherits the lifted bucket.
bring cloud;
bring expect;

class Store {
  protected bucket: cloud.Bucket;
  new() {
    this.bucket = new cloud.Bucket();
  }
  pub inflight save(key: str, value: str): str {
    this.bucket.put(key, value);
    return key;
  }
  pub inflight load(key: str): str {
    return this.bucket.tryGet(key) ?? "";
  }
}

class VersionedStore extends Store {
  versions: cloud.Counter;
  new() {
    super();
    this.versions = new cloud.Counter();
  }
  pub inflight save(key: str, value: str): str {
    let v = this.versions.inc(1, key) + 1;
    super.save("{key}@v{v}", value);
    return super.save(key, value);
  }
  pub inflight history(key: str): Array<str> {
    return this.bucket.list("{key}@");
  }
}

let plain = new Store() as "plain";
let versioned = new VersionedStore() as "versioned";

test "the subclass keeps history, the base does not" {
  plain.save("cfg", "a");
  plain.save("cfg", "b");
  expect.equal(plain.load("cfg"), "b");
  versioned.save("cfg", "a");
  versioned.save("cfg", "b");
  expect.equal(versioned.load("cfg"), "b");
  expect.equal(versioned.load("cfg@v1"), "a");
  expect.equal(versioned.history("cfg").join(","), "cfg@v1,cfg@v2");
}
