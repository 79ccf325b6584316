// Invoking a function asynchronously and checking its effect.
bring cloud;
bring util;

let done = new cloud.Counter();
let job = new cloud.Function(inflight (payload) => {
  done.inc(payload?.tryAsNum() ?? 1);
});

test "async invoke" {
  job.invokeAsync(5);
  util.waitUntil(inflight () => { return done.peek() == 5; });
  assert(done.peek() == 5);
}
