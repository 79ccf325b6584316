// Handlers that take no argument and return nothing, where the resource
// expects a wider function type (`inflight (Json?): Json?`, `inflight (str): void`).
bring cloud;
bring util;

let pings = new cloud.Counter() as "pings";
let ping = new cloud.Function(inflight () => {
  pings.inc();
}) as "ping";

let jobs = new cloud.Queue();
jobs.setConsumer(inflight () => {
  pings.inc(10);
});

let news = new cloud.Topic();
news.onMessage(inflight () => {
  pings.inc(100);
});

let runTwice = inflight (handler: inflight (Json?): Json?): Json? => {
  handler(nil);
  return handler(Json "again");
};

test "a function with a handler that takes nothing" {
  let result = ping.invoke();
  assert(result == nil);
  assert(pings.peek() == 1);
}

test "queue and topic handlers that ignore their message" {
  jobs.push("work");
  news.publish("hello");
  util.waitUntil(inflight () => {
    return pings.peek() == 110;
  });
  assert(pings.peek() == 110);
}

test "a closure with no parameter passed as a wider function" {
  let result = runTwice(inflight () => {
    pings.inc();
  });
  assert(result == nil);
  assert(pings.peek() == 2);
}
