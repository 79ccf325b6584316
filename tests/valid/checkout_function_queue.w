// A checkout flow across resources: a cloud.Function validates the cart and
// pushes an order to a queue; the queue consumer writes a receipt to a
// bucket. The test invokes the function and waits for the receipt.
bring cloud;
bring util;
bring expect;

struct CartLine {
  sku: str;
  qty: num;
  price: num;
}

let receipts = new cloud.Bucket() as "receipts";
let orders = new cloud.Queue() as "orders";
let seq = new cloud.Counter() as "seq";

orders.setConsumer(inflight (msg: str) => {
  let order = Json.parse(msg);
  receipts.put("{order.get("id").asStr()}.txt", "paid {order.get("total").asNum()}");
});

let checkout = new cloud.Function(inflight (event: Json?): Json? => {
  let lines = MutArray<CartLine>[];
  let items = event?.tryGet("items");
  if items == nil {
    return { ok: false, error: "no items" };
  }
  let var i = 0;
  while items?.tryGetAt(i) != nil {
    lines.push(CartLine.fromJson(items!.getAt(i)));
    i += 1;
  }
  let var total = 0;
  for l in lines {
    total += l.qty * l.price;
  }
  let id = "o{seq.inc()}";
  orders.push(Json.stringify({ id: id, total: total }));
  return { ok: true, id: id, total: total };
}) as "checkout";

test "a paid order produces a receipt" {
  let res = checkout.invoke({ items: [{ sku: "a", qty: 2, price: 5 }, { sku: "b", qty: 1, price: 2.5 }] })!;
  assert(res.get("ok").asBool());
  expect.equal(res.get("total").asNum(), 12.5);
  let id = res.get("id").asStr();
  util.waitUntil(inflight (): bool => {
    return receipts.exists("{id}.txt");
  });
  expect.equal(receipts.get("{id}.txt"), "paid 12.5");
}

test "an empty cart is rejected" {
  let res = checkout.invoke({ cart: [] })!;
  assert(!res.get("ok").asBool());
  expect.equal(res.get("error").asStr(), "no items");
}
