// A topic with two subscribers that count messages.
bring cloud;
bring util;

let topic = new cloud.Topic();
let c1 = new cloud.Counter() as "c1";
let c2 = new cloud.Counter() as "c2";
topic.onMessage(inflight (m: str) => {
  c1.inc();
});
topic.onMessage(inflight (m: str) => {
  c2.inc(m.length);
});

test "every subscriber sees every message" {
  topic.publish("hi", "there");
  util.waitUntil(inflight () => { return c1.peek() == 2 && c2.peek() == 7; });
  assert(c1.peek() == 2);
  assert(c2.peek() == 7);
}
