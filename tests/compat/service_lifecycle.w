// A service that records its start in a bucket.
bring cloud;
bring util;

let status = new cloud.Bucket();
let svc = new cloud.Service(inflight () => {
  status.put("state", "started");
  return () => {
    status.put("state", "stopped");
  };
});

test "the service starts" {
  util.waitUntil(inflight () => { return status.exists("state"); });
  assert(status.get("state") == "started");
  assert(svc.started());
}
