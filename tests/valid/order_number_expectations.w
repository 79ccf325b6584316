// Checking order numbers and lookups with the whole `expect` module:
// equal, notEqual, ok, nil, notNil, match, doesNotMatch and fail.
bring expect;

let orders = { "ORD-1001" => "shipped", "ORD-1002" => "pending" };

test "order numbers match the pattern" {
  for id in orders.keys() {
    expect.match(id, "^ORD-\\d\{4}$");
  }
  expect.doesNotMatch("ord-12", "^ORD-\\d\{4}$");
  expect.ok(orders.size() == 2, "two orders");
}

test "lookups" {
  expect.notNil(orders.tryGet("ORD-1001"));
  expect.nil(orders.tryGet("ORD-9999"));
  expect.equal(orders.get("ORD-1002"), "pending");
  expect.notEqual(orders.get("ORD-1001"), "pending");
}

test "fail throws" {
  let var caught = "";
  try {
    expect.fail("unreachable branch");
  } catch e {
    caught = e;
  }
  assert(caught.contains("unreachable branch"));
}
