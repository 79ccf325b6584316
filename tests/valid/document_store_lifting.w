// Lifting through user classes: `DocStore` keeps documents in a bucket and
// uses `this.bucket` inflight; `Indexer` holds a DocStore and calls its
// inflight methods, so tests reach the bucket transitively.
bring cloud;
bring expect;

class DocStore {
  bucket: cloud.Bucket;
  prefix: str;
  new(prefix: str) {
    this.bucket = new cloud.Bucket();
    this.prefix = prefix;
  }
  pub inflight save(id: str, doc: Json) {
    this.bucket.put("{this.prefix}/{id}.json", Json.stringify(doc));
  }
  pub inflight load(id: str): Json? {
    if let text = this.bucket.tryGet("{this.prefix}/{id}.json") {
      return Json.parse(text);
    }
    return nil;
  }
  pub inflight ids(): Array<str> {
    let out = MutArray<str>[];
    for key in this.bucket.list(this.prefix + "/") {
      out.push(key.replace(this.prefix + "/", "").replace(".json", ""));
    }
    return out.copy();
  }
}

class Indexer {
  docs: DocStore;
  pub index: cloud.Counter;
  new() {
    this.docs = new DocStore("notes");
    this.index = new cloud.Counter();
  }
  pub inflight add(title: str, body: str): str {
    let n = this.index.inc();
    let id = "n{n}";
    this.docs.save(id, { title: title, words: body.split(" ").length });
    return id;
  }
  pub inflight words(id: str): num {
    return this.docs.load(id)?.get("words")?.asNum() ?? 0;
  }
  pub inflight count(): num {
    return this.docs.ids().length;
  }
}

let indexer = new Indexer();

test "documents go through two layers of classes" {
  let a = indexer.add("todo", "buy milk and eggs");
  let b = indexer.add("idea", "a wing compiler");
  expect.equal(a, "n0");
  expect.equal(b, "n1");
  expect.equal(indexer.words(a), 4);
  expect.equal(indexer.words("missing"), 0);
  expect.equal(indexer.count(), 2);
  expect.equal(indexer.index.peek(), 2);
}
