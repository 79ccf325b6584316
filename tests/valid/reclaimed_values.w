// Values compiled code drops as soon as nothing holds them (spec/abi.md,
// "Reclaiming values"): their slots are used again by later values, and
// nothing that still holds a value sees it change. Each test reuses slots
// many times over and checks every value it kept.
bring expect;

struct Order {
  id: str;
  customer: str;
}

inflight class Label {
  prefix: str;
  new(prefix: str) {
    this.prefix = prefix;
  }
  pub inflight of(id: num): str {
    let name = "{this.prefix}-{id}";
    return name.uppercase();
  }
}

test "values kept in collections survive the reuse of their slots" {
  let kept = MutArray<str>[];
  let byKey = MutMap<str>{};
  for i in 0..500 {
    let key = "k{i}";
    let parts = "{key}:{i * 2}".split(":");
    kept.push(parts.at(1));
    byKey.set(key, parts.at(0));
  }
  expect.equal(kept.length, 500);
  expect.equal(kept.at(0), "0");
  expect.equal(kept.at(499), "998");
  expect.equal(byKey.get("k250"), "k250");
  let var total = 0;
  for value in kept.copy() {
    total = total + num.fromStr(value);
  }
  expect.equal(total, 249500);
}

test "closures made in a loop keep the value they captured" {
  let readers = MutArray<inflight (): str>[];
  for i in 0..50 {
    let name = "item-{i}";
    readers.push(inflight (): str => {
      return name;
    });
  }
  for i in 0..200 {
    let noise = "noise-{i}";
    expect.equal(noise.length > 0, true);
  }
  expect.equal(readers.at(0)(), "item-0");
  expect.equal(readers.at(49)(), "item-49");
}

test "break, continue, return and errors leave values intact" {
  let firstLong = (words: Array<str>): str => {
    for word in words {
      let upper = word.uppercase();
      if upper.length < 4 {
        continue;
      }
      return "{upper}!";
    }
    return "none";
  };
  expect.equal(firstLong(["a", "bb", "longer", "other"]), "LONGER!");
  expect.equal(firstLong(["a"]), "none");

  let seen = MutArray<str>[];
  for i in 0..100 {
    let tag = "t{i}";
    try {
      let message = "failing {tag}";
      if i % 3 == 0 {
        throw message;
      }
      seen.push(tag);
    } catch e {
      seen.push("caught {e}");
    } finally {
      let note = "done {tag}";
      expect.equal(note.endsWith(tag), true);
    }
    if i == 90 {
      break;
    }
  }
  expect.equal(seen.length, 91);
  expect.equal(seen.at(0), "caught failing t0");
  expect.equal(seen.at(1), "t1");
  expect.equal(seen.at(90), "caught failing t90");
}

test "reassigned variables, in-place strings and optional values" {
  let var current = "start";
  let var line = "";
  let counts = MutMap<num>{};
  for i in 0..300 {
    let var word = "w{i % 7}";
    word = "{word}-{i % 2}";
    word += "!";
    current = "{current}".substring(0, 5);
    line = line + word.substring(0, 2);
    counts.set(word, (counts.tryGet(word) ?? 0) + 1);
    if let before = counts.tryGet("w0-0!") {
      expect.equal(before >= 1, true);
    }
  }
  expect.equal(current, "start");
  expect.equal(line.length, 600);
  expect.equal(line.substring(0, 6), "w0w1w2");
  expect.equal(counts.get("w0-0!"), 22);
  expect.equal(counts.keys().length, 14);
}

test "fields, structs, Json and literals read in a loop" {
  let label = new Label("order");
  let orders = MutArray<Order>[];
  for i in 0..100 {
    let order = Order { id: "o{i}", customer: "c{i % 4}" };
    orders.push(order);
  }
  let var names = "";
  for order in orders.copy() {
    let doc = Json { id: order.id, customer: order.customer, items: ["a{order.id}", "b"] };
    let text = Json.stringify(doc);
    if order.customer == "c3" && order.id.length == 2 {
      let back = Json.parse(text);
      names = names + "{label.of(num.fromStr(order.id.substring(1)))} {back.get("items").getAt(0).asStr()} {text.length} ";
    }
  }
  expect.equal(names, "ORDER-3 ao3 47 ORDER-7 ao7 47 ");
  expect.equal(orders.at(99).id, "o99");
}

test "captured variables read and written from closures and methods" {
  let prefix = "p";
  let var counter = "";
  let bump = (): str => {
    counter = "{counter}{prefix}";
    return counter;
  };
  inflight class Tagger {
    pub inflight tag(n: num): str {
      return "{prefix}{n}";
    }
  }
  let tagger = new Tagger();
  let tags = MutArray<str>[];
  for i in 0..300 {
    bump();
    tags.push(tagger.tag(i));
  }
  expect.equal(counter.length, 300);
  expect.equal(bump().length, 301);
  expect.equal(tags.at(299), "p299");
  expect.equal(tags.length, 300);
}

inflight class Shelf {
  items: MutArray<str>;
  new() {
    this.items = MutArray<str>[];
  }
  pub inflight keep(item: str): str {
    this.items.push(item);
    return "kept {item}";
  }
  pub inflight same(item: str): str {
    return item;
  }
  pub inflight count(): num {
    return this.items.length;
  }
}

test "fresh arguments of compiled functions, given back or kept" {
  let echo = (text: str): str => {
    return text;
  };
  let pick = (a: str, b: str, first: bool): str => {
    if first {
      return a;
    }
    return b;
  };
  let wrap = (...parts: Array<str>): Array<str> => {
    return parts;
  };
  let describe = (order: Order): str => {
    return "{order.id} for {order.customer}";
  };
  let shelf = new Shelf();
  let echoed = MutArray<str>[];
  let lists = MutArray<Array<str>>[];
  for i in 0..200 {
    echoed.push(echo("e{i}"));
    let picked = pick("a{i}", "b{i}", i % 2 == 0);
    let kept = shelf.keep("item {i}");
    expect.equal(shelf.same("s{i}"), "s{i}");
    lists.push(wrap("x{i}", "y{i}"));
    echoed.push(describe(id: "o{i}", customer: "c{i % 3}"));
    if i % 2 == 0 {
      expect.equal(picked, "a{i}");
    } else {
      expect.equal(picked, "b{i}");
    }
    expect.equal(kept, "kept item {i}");
  }
  expect.equal(echoed.at(0), "e0");
  expect.equal(echoed.at(1), "o0 for c0");
  expect.equal(echoed.at(398), "e199");
  expect.equal(echoed.at(399), "o199 for c1");
  expect.equal(shelf.count(), 200);
  expect.equal(lists.at(7), ["x7", "y7"]);
  expect.equal(lists.at(199).at(1), "y199");
}
