// Uploads land in a queue; a consumer normalises each one into a bucket.
bring cloud;
bring util;
bring expect;

let uploads = new cloud.Queue() as "uploads";
let store = new cloud.Bucket() as "store";

uploads.setConsumer(inflight (name: str) => {
  let clean = name.trim().lowercase();
  store.put("files/{clean}", "uploaded {clean}");
});

test "an upload is normalised and stored" {
  uploads.push("  Report.PDF ");
  util.waitUntil(inflight () => {
    return store.exists("files/report.pdf");
  });
  assert(store.get("files/report.pdf") == "uploaded report.pdf");
}

test "several uploads all arrive" {
  for name in ["a.txt", "b.txt", "c.txt"] {
    uploads.push(name);
  }
  util.waitUntil(inflight () => {
    return store.list("files/").length == 3;
  });
  expect.equal(store.list("files/"), ["files/a.txt", "files/b.txt", "files/c.txt"]);
}
