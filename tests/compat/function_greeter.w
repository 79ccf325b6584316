// A function whose handler takes no argument and returns nothing, used
// where `inflight (Json?): Json?` is expected; a second one echoes.
bring cloud;

let hits = new cloud.Counter();
let ping = new cloud.Function(inflight () => {
  hits.inc();
}) as "ping";
let echo = new cloud.Function(inflight (event) => {
  return "hello {event?.tryAsStr() ?? "nobody"}";
}) as "echo";

test "a handler without argument or result" {
  ping.invoke();
  ping.invoke();
  assert(hits.peek() == 2);
}

test "a handler that echoes" {
  assert(echo.invoke("ada") == "hello ada");
  assert(echo.invoke() == "hello nobody");
}
