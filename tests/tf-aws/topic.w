// Domain events fan out to a function and to an audit queue.
bring cloud;

let events = new cloud.Topic() as "events";
let audit = new cloud.Queue() as "audit";
events.subscribeQueue(audit);
events.onMessage(inflight (event: str) => {
  log("event: {event}");
});

new cloud.Function(inflight (payload: Json?) => {
  events.publish(Json.stringify(payload));
  return nil;
}) as "emit";
