bring cloud;
let q = new cloud.Queue();
test "setConsumer is preflight" {
  q.setConsumer(inflight (m: str) => {});
}
