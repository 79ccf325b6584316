// Orders go through a queue with a dead-letter queue; the consumer
// handles them in batches and counts what it handled.
bring cloud;

let failed = new cloud.Queue(retentionPeriod: 14d) as "failed-orders";
let orders = new cloud.Queue(
  timeout: 2m,
  retentionPeriod: 4d,
  dlq: { queue: failed, maxDeliveryAttempts: 3 },
) as "orders";
let handled = new cloud.Counter() as "handled";

orders.setConsumer(inflight (order: str) => {
  if order == "" {
    throw "an empty order";
  }
  handled.inc();
}, batchSize: 10, timeout: 90s);

new cloud.Function(inflight () => {
  return { waiting: orders.approxSize(), failed: failed.approxSize() };
}) as "backlog";
