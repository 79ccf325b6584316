// Orders go through a queue whose consumer calls a flaky payment step: it
// fails twice, then succeeds. A poison order fails every time and ends up
// in the dead-letter queue after its delivery attempts.
bring cloud;
bring util;
bring expect;

let dead = new cloud.Queue() as "dead-orders";
let orders = new cloud.Queue(timeout: 100ms, dlq: { queue: dead, maxDeliveryAttempts: 3 }) as "orders";
let attempts = new cloud.Counter() as "attempts";
let paid = new cloud.Bucket() as "paid";

orders.setConsumer(inflight (order: str) => {
  let before = attempts.inc(1, order);
  if order.startsWith("poison") {
    throw "cannot parse order {order}";
  }
  if before < 2 {
    throw "payment service unavailable (attempt {before + 1})";
  }
  paid.put(order, "paid after {before + 1} attempts");
});

test "a consumer that fails twice then succeeds" {
  orders.push("order-1");
  util.waitUntil(inflight () => {
    return paid.exists("order-1");
  });
  expect.equal(paid.get("order-1"), "paid after 3 attempts");
  expect.equal(attempts.peek("order-1"), 3);
  expect.equal(dead.approxSize(), 0);
}

test "a poison message reaches the dead-letter queue" {
  orders.push("poison-7");
  util.waitUntil(inflight () => {
    return dead.approxSize() == 1;
  });
  expect.equal(dead.pop(), "poison-7");
  expect.equal(attempts.peek("poison-7"), 3);
  expect.equal(orders.approxSize(), 0);
}

test "pop, purge and approxSize without a consumer" {
  dead.push("a", "b", "c");
  expect.equal(dead.approxSize(), 3);
  expect.equal(dead.pop(), "a");
  dead.purge();
  expect.equal(dead.approxSize(), 0);
  expect.nil(dead.pop());
}
