// Inflight classes declared inside inflight code use the variables around
// them, as in Wing: reassignable ones are shared (a change made by a method
// is seen outside and the other way round), constructors and nested
// closures included.
bring cloud;

let hits = new cloud.Counter();

let tally = inflight (words: Array<str>): str => {
  let var seen = 0;
  let separator = ",";
  let prefix = "n=";
  class Tally {
    pub var parts: MutArray<str>;
    new() {
      this.parts = MutArray<str>[prefix];
    }
    pub add(word: str) {
      seen += 1;
      this.parts.push(word);
      hits.inc();
    }
    pub render(): str {
      let join = (): str => {
        return this.parts.join(separator);
      };
      return "{join()}/{seen}";
    }
  }
  let t = new Tally();
  for w in words {
    t.add(w);
  }
  seen += 10;
  return t.render();
};

test "a class inside an inflight closure" {
  assert(tally(["a", "b"]) == "n=,a,b/12");
  assert(hits.peek() == 2);
}

test "a class inside a test, changing a variable of the test" {
  let var count = 0;
  let step = 5;
  class Acc {
    pub add(n: num) {
      count += n * step;
    }
    pub total(): num {
      return count;
    }
  }
  let a = new Acc();
  a.add(1);
  count += 1;
  a.add(2);
  assert(count == 16);
  assert(a.total() == 16);
}
