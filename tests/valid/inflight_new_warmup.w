// A preflight class with an `inflight new()` that prepares per-instance
// inflight state (a lookup table built from preflight configuration),
// inflight fields, and inflight methods that use them.
bring cloud;
bring expect;

class Translator {
  words: Map<str>;
  inflight table: MutMap<str>;
  inflight var lookups: num;
  store: cloud.Bucket;
  new(words: Map<str>) {
    this.words = words;
    this.store = new cloud.Bucket();
  }
  inflight new() {
    this.table = MutMap<str>{};
    for k in this.words.keys() {
      this.table.set(k.lowercase(), this.words.get(k));
    }
    this.lookups = 0;
  }
  pub inflight translate(sentence: str): str {
    let out = MutArray<str>[];
    for w in sentence.split(" ") {
      this.lookups += 1;
      out.push(this.table.tryGet(w.lowercase()) ?? w);
    }
    let result = out.join(" ");
    this.store.put("last", result);
    return result;
  }
  pub inflight stats(): str {
    return "{this.lookups} lookups, last: {this.store.get("last")}";
  }
}

let es = new Translator({ "Hello" => "hola", "World" => "mundo", "CAT" => "gato" });

test "inflight new builds the table" {
  expect.equal(es.translate("hello world"), "hola mundo");
  expect.equal(es.translate("the Cat"), "the gato");
  expect.equal(es.stats(), "4 lookups, last: the gato");
}
