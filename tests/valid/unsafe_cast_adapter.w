// Adapting loosely typed data with `unsafeCast`: trusting a Json document
// to have a struct's shape without validation, and giving an opaque value
// a static type. Compare with Struct.fromJson, which validates.
bring expect;

struct Metric {
  name: str;
  value: num;
}

test "unsafeCast trusts the shape" {
  let raw = Json { name: "latency", value: 42 };
  let m: Metric = unsafeCast(raw);
  expect.equal(m.name, "latency");
  expect.equal(m.value + 1, 43);
}

test "unsafeCast between primitive views" {
  let j = Json 7;
  let n: num = unsafeCast(j);
  expect.equal(n * 2, 14);
  let s: str = unsafeCast(Json "abc");
  expect.equal(s.uppercase(), "ABC");
}

test "validation is the safe alternative" {
  let raw = Json { name: "latency", value: "high" };
  assert(Metric.tryFromJson(raw) == nil);
}
