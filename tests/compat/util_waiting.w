// Waiting with `util` while a queue drains.
bring cloud;
bring util;

let q = new cloud.Queue();
let done = new cloud.Counter();
q.setConsumer(inflight (m: str) => {
  util.sleep(10ms);
  done.inc();
});

test "wait until drained" {
  q.push("a", "b", "c");
  let ok = util.waitUntil(inflight () => { return done.peek() == 3; }, timeout: 10s);
  assert(ok);
  assert(util.env("WING_TARGET") == "sim");
}
