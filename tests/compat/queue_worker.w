// A queue whose consumer stores each message in a bucket.
bring cloud;
bring util;

let q = new cloud.Queue();
let store = new cloud.Bucket();
q.setConsumer(inflight (msg: str) => {
  store.put("job-{msg}", msg.uppercase());
});

test "messages are consumed" {
  q.push("a", "b");
  util.waitUntil(inflight () => {
    return store.exists("job-a") && store.exists("job-b");
  });
  assert(store.get("job-a") == "A");
  assert(store.get("job-b") == "B");
}
