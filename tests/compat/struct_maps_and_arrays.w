// Structs holding maps and arrays of structs.
struct Line {
  sku: str;
  qty: num;
}

struct Order {
  id: str;
  lines: Array<Line>;
  meta: Map<str>;
}

let order = Order {
  id: "o1",
  lines: [Line { sku: "a", qty: 2 }, Line { sku: "b", qty: 3 }],
  meta: { "channel" => "web" },
};

test "nested data" {
  let var units = 0;
  for l in order.lines {
    units += l.qty;
  }
  assert(units == 5);
  assert(order.meta.get("channel") == "web");
  assert(order.meta.tryGet("coupon") == nil);
  let j = Json order;
  assert(j.get("lines").getAt(1).get("sku").asStr() == "b");
}
