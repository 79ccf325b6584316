// A JSON document store: a class extending `cloud.Bucket`, with objects
// added preflight through an inherited method and inflight helpers that
// call the inherited ones on `this`.
bring cloud;
bring expect;

class DocumentStore extends cloud.Bucket {
  prefix: str;
  new(prefix: str) {
    this.prefix = prefix;
    this.addObject("{prefix}readme.json", Json.stringify({ title: "readme" }));
  }
  pub inflight save(id: str, doc: Json) {
    this.putJson(this.key(id), doc);
  }
  pub inflight load(id: str): Json? {
    return this.tryGetJson(this.key(id));
  }
  pub inflight ids(): Array<str> {
    let ids = MutArray<str>[];
    for key in this.list(this.prefix) {
      ids.push(key.substring(this.prefix.length, key.length - 5));
    }
    return ids.copy();
  }
  inflight key(id: str): str {
    return "{this.prefix}{id}.json";
  }
}

class Shelf extends DocumentStore {
  new() {
    super("books/");
  }
  pub inflight title(id: str): str {
    return this.load(id)?.tryGet("title")?.tryAsStr() ?? "untitled";
  }
}

let docs = new DocumentStore("docs/") as "docs";
let shelf = new Shelf();
let saver = new cloud.Function(inflight (payload) => {
  docs.save(payload?.get("id")?.asStr() ?? "none", payload?.get("doc") ?? {});
  return nil;
}) as "saver";

test "documents round-trip through the subclass's methods" {
  docs.save("a", { title: "first", tags: ["x"] });
  expect.equal(docs.load("a")?.get("title")?.asStr(), "first");
  expect.equal(docs.load("missing"), nil);
  let ids = docs.ids();
  assert(ids.length == 2 && ids.contains("a") && ids.contains("readme"));
  expect.equal(docs.exists("docs/a.json"), true);
  expect.equal(docs.getJson("docs/readme.json").get("title").asStr(), "readme");
}

test "a function writes through the subclass and a grandchild class reads its own bucket" {
  saver.invoke({ id: "b", doc: { title: "second" } });
  expect.equal(docs.load("b")?.get("title")?.asStr(), "second");
  shelf.save("dune", { title: "Dune" });
  expect.equal(shelf.title("dune"), "Dune");
  expect.equal(shelf.title("gone"), "untitled");
  let books = shelf.list();
  assert(books.length == 2 && books.contains("books/dune.json") && books.contains("books/readme.json"));
  expect.equal(docs.exists("books/dune.json"), false);
}
