// Two queues feed one audit bucket; each consumer only gets `put`.
bring cloud;
bring util;
bring expect;

let audit = new cloud.Bucket() as "audit";
let orders = new cloud.Queue() as "orders";
let refunds = new cloud.Queue() as "refunds";

orders.setConsumer(inflight (id: str) => {
  audit.put("orders/{id}", "order {id}");
});
refunds.setConsumer(inflight (id: str) => {
  audit.put("refunds/{id}", "refund {id}");
});

test "both queues reach the audit log" {
  orders.push("o-1");
  refunds.push("r-1");
  orders.push("o-2");
  util.waitUntil(inflight () => {
    return audit.list().length == 3;
  });
  expect.equal(audit.get("orders/o-2"), "order o-2");
  expect.equal(audit.get("refunds/r-1"), "refund r-1");
}
