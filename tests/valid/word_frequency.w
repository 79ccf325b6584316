// Word frequencies in a text: normalising case and punctuation, counting
// in a MutMap, a stop-word Set, and picking the most frequent words.
bring expect;

let stopWords = Set<str>["the", "a", "and", "of", "to", "is"];
let text = "The cat and the hat. A cat is a cat; the hat is red, and the cat is fat.";

inflight class Counter {
  counts: MutMap<num>;
  new() {
    this.counts = MutMap<num>{};
  }
  pub feed(text: str, skip: Set<str>) {
    let var clean = text.lowercase();
    for p in [".", ",", ";"] {
      clean = clean.replaceAll(p, "");
    }
    for w in clean.split(" ") {
      if w == "" || skip.has(w) {
        continue;
      }
      this.counts.set(w, (this.counts.tryGet(w) ?? 0) + 1);
    }
  }
  pub count(w: str): num {
    return this.counts.tryGet(w) ?? 0;
  }
  pub top(): str {
    let var best = "";
    let var bestCount = 0;
    for w in this.counts.keys() {
      if this.counts.get(w) > bestCount {
        best = w;
        bestCount = this.counts.get(w);
      }
    }
    return "{best}x{bestCount}";
  }
  pub distinct(): num {
    return this.counts.size();
  }
}

test "counting words" {
  let c = new Counter();
  c.feed(text, stopWords);
  expect.equal(c.count("cat"), 4);
  expect.equal(c.count("hat"), 2);
  expect.equal(c.count("the"), 0);
  expect.equal(c.top(), "catx4");
  expect.equal(c.distinct(), 4);
}
