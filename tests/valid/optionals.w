// Optional values: ??, !, ?, if let.
bring cloud;
bring expect;

let cache = new cloud.Bucket() as "cache";

test "if let unwraps present values" {
  cache.put("k", "v");
  if let value = cache.tryGet("k") {
    expect.equal(value, "v");
  } else {
    expect.equal("branch", "not taken");
  }
  if let missing = cache.tryGet("nope") {
    expect.equal(missing, "not reached");
  }
}

test "coalesce, unwrap and is-some" {
  let absent: str? = nil;
  let present: str? = "x";
  expect.equal(absent ?? "default", "default");
  expect.equal(present!, "x");
  assert(present?);
  assert(!absent?);
  let n: num? = nil;
  expect.equal((n ?? 3) + 1, 4);
}
