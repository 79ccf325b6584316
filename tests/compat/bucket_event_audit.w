// Bucket events feed an audit log.
bring cloud;
bring util;

let uploads = new cloud.Bucket() as "uploads";
let audit = new cloud.Counter();
uploads.onCreate(inflight (key: str) => {
  audit.inc();
});

test "uploads are audited" {
  uploads.put("a.txt", "A");
  uploads.put("b.txt", "B");
  util.waitUntil(inflight () => { return audit.peek() == 2; });
  assert(audit.peek() == 2);
}
