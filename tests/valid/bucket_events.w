// An image catalogue: uploads to a bucket are indexed by its events;
// objects are copied, renamed, described and shared through signed URLs.
bring cloud;
bring ex;
bring http;
bring util;
bring expect;

let images = new cloud.Bucket() as "images";
let site = new cloud.Bucket(public: true) as "site";
site.addObject("index.html", "<h1>catalogue</h1>");
let index = new ex.Table() as "index";
let events = new cloud.Counter() as "events";

images.onCreate(inflight (key: str, kind: cloud.BucketEventType) => {
  index.upsert(key, Json { state: "new", kind: "{kind}" });
});
images.onUpdate(inflight (key: str, kind: cloud.BucketEventType) => {
  index.upsert(key, Json { state: "changed", kind: "{kind}" });
});
images.onDelete(inflight (key: str, kind: cloud.BucketEventType) => {
  index.delete(key);
});
images.onEvent(inflight (key: str, kind: cloud.BucketEventType) => {
  events.inc(1, "{kind}");
  if kind == cloud.BucketEventType.DELETE {
    log("{key} was deleted");
  }
});

test "create, update and delete events are delivered" {
  images.put("cat.png", "meow");
  util.waitUntil(inflight () => {
    return index.tryGet("cat.png") != nil;
  });
  expect.equal(index.get("cat.png").get("kind").asStr(), "CREATE");
  images.put("cat.png", "purr");
  util.waitUntil(inflight () => {
    return index.get("cat.png").get("state").asStr() == "changed";
  });
  images.delete("cat.png");
  util.waitUntil(inflight () => {
    return index.tryGet("cat.png") == nil;
  });
  util.waitUntil(inflight () => {
    return events.peek("DELETE") == 1;
  });
  expect.equal(events.peek("CREATE"), 1);
  expect.equal(events.peek("UPDATE"), 1);
}

test "copy, rename, metadata and Json objects" {
  images.put("a.txt", "alpha", contentType: "text/plain");
  images.copy("a.txt", "b.txt");
  images.rename("b.txt", "c.txt");
  expect.equal(images.list(), ["a.txt", "c.txt"]);
  expect.equal(images.get("c.txt"), "alpha");
  let meta = images.metadata("a.txt");
  expect.equal(meta.size, 5);
  expect.equal(meta.contentType, "text/plain");
  expect.ok(meta.lastModified.timestampMs > 0);
  images.putJson("data.json", Json { tags: ["x", "y"] });
  expect.equal(images.getJson("data.json").get("tags").getAt(1).asStr(), "y");
  expect.nil(images.tryGetJson("none.json"));
  expect.equal(images.tryDelete("none.json"), false);
  expect.equal(images.tryDelete("a.txt"), true);
  expect.equal(images.list("c"), ["c.txt"]);
}

test "signed and public urls are served over HTTP" {
  images.put("private.txt", "secret");
  let signed = http.get(images.signedUrl("private.txt"));
  expect.equal(signed.status, 200);
  expect.equal(signed.body, "secret");
  let tampered = signed.url.replace("action=DOWNLOAD", "action=UPLOAD");
  expect.equal(http.get(tampered).status, 403);
  let upload = images.signedUrl("upload.txt", action: cloud.BucketSignedUrlAction.UPLOAD);
  expect.equal(http.put(upload, body: "uploaded").status, 200);
  expect.equal(images.get("upload.txt"), "uploaded");
  let page = http.get(site.publicUrl("index.html"));
  expect.equal(page.body, "<h1>catalogue</h1>");
  expect.match(page.headers.get("content-type"), "text/html");
}

test "a missing object is an error the caller can catch" {
  let var error = "";
  try {
    images.get("nope.png");
  } catch e {
    error = e;
  }
  expect.equal(error, "Object does not exist (key=nope.png).");
  try {
    images.delete("nope.png", mustExist: true);
    expect.fail("deleting a missing object with mustExist should fail");
  } catch e {
    expect.equal(e, "Object does not exist (key=nope.png).");
  }
  try {
    site.publicUrl("x");
    images.publicUrl("x");
    expect.fail("a private bucket has no public url");
  } catch e {
    expect.equal(e, "Cannot provide public url for a non-public bucket");
  }
}
