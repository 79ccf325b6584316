// Reading an order payload from Json: literals (nested objects and arrays),
// get/getAt/has/tryGet/tryGetAt, `j["k"]` and `j[0]` indexing, and the
// as*/tryAs* conversions.
bring expect;

let order = Json {
  id: "o-17",
  paid: true,
  total: 42.5,
  lines: [
    { sku: "apple", qty: 3 },
    { sku: "pear", qty: 1 }
  ]
};

test "get and getAt walk the document" {
  expect.equal(order.get("id").asStr(), "o-17");
  expect.equal(order.get("total").asNum(), 42.5);
  assert(order.get("paid").asBool());
  expect.equal(order.get("lines").getAt(1).get("sku").asStr(), "pear");
  expect.equal(order["lines"][0]["qty"].asNum(), 3);
}

test "has and tryGet for optional members" {
  assert(order.has("lines"));
  assert(!order.has("coupon"));
  expect.equal(order.tryGet("coupon")?.tryAsStr() ?? "none", "none");
  assert(order.tryGet("lines")?.tryGetAt(5) == nil);
  expect.equal(order.get("lines").tryGetAt(0)?.get("sku")?.tryAsStr() ?? "", "apple");
}

test "tryAs conversions are nil on a type mismatch" {
  assert(order.get("id").tryAsNum() == nil);
  assert(order.get("total").tryAsStr() == nil);
  assert(order.get("paid").tryAsBool() == true);
  expect.equal(order.get("total").tryAsNum() ?? 0, 42.5);
}

test "summing lines" {
  let var items = 0;
  let lines = order.get("lines");
  for i in 0..2 {
    items += lines.getAt(i).get("qty").asNum();
  }
  expect.equal(items, 4);
}
