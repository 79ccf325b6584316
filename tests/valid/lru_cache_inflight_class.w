// A least-recently-used cache written as an inflight class: private
// mutable fields, pub methods, constructor arguments, and eviction logic
// over a MutArray of keys and a MutMap of values.
bring expect;

inflight class LruCache {
  capacity: num;
  order: MutArray<str>;
  values: MutMap<num>;
  pub var evictions: num;
  new(capacity: num) {
    this.capacity = capacity;
    this.order = MutArray<str>[];
    this.values = MutMap<num>{};
    this.evictions = 0;
  }
  touch(key: str) {
    this.order.removeFirst(key);
    this.order.push(key);
  }
  pub get(key: str): num? {
    if let v = this.values.tryGet(key) {
      this.touch(key);
      return v;
    }
    return nil;
  }
  pub put(key: str, value: num) {
    this.values.set(key, value);
    this.touch(key);
    if this.order.length > this.capacity {
      let oldest = this.order.popAt(0);
      this.values.delete(oldest);
      this.evictions += 1;
    }
  }
  pub keys(): str {
    return this.order.join(",");
  }
}

test "evicts the least recently used key" {
  let c = new LruCache(2);
  c.put("a", 1);
  c.put("b", 2);
  expect.equal(c.get("a") ?? 0, 1);
  c.put("c", 3);
  assert(c.get("b") == nil);
  expect.equal(c.keys(), "a,c");
  expect.equal(c.evictions, 1);
}

test "updating a key refreshes it" {
  let c = new LruCache(3);
  c.put("x", 1);
  c.put("y", 2);
  c.put("x", 10);
  expect.equal(c.keys(), "y,x");
  expect.equal(c.get("x") ?? 0, 10);
  expect.equal(c.evictions, 0);
}
