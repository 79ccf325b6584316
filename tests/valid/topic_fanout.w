// Notifications: a topic fans every message out to two function
// subscribers and to a queue.
bring cloud;
bring util;
bring expect;

let alerts = new cloud.Topic() as "alerts";
let emails = new cloud.Bucket() as "emails";
let sms = new cloud.Bucket() as "sms";
let audit = new cloud.Queue() as "audit";
let audited = new cloud.Counter() as "audited";

alerts.onMessage(inflight (message: str) => {
  emails.put(message, "email: {message}");
});
alerts.onMessage(inflight (message: str) => {
  sms.put(message, "sms: {message}");
});
alerts.subscribeQueue(audit);
audit.setConsumer(inflight (message: str) => {
  audited.inc();
});

test "every subscriber gets every message" {
  alerts.publish("disk-full", "cpu-hot");
  util.waitUntil(inflight () => {
    return emails.list().length == 2 && sms.list().length == 2 && audited.peek() == 2;
  });
  expect.equal(emails.get("cpu-hot"), "email: cpu-hot");
  expect.equal(sms.get("disk-full"), "sms: disk-full");
}
