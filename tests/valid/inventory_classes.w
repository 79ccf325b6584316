// Classes, interfaces, enums, structs and try/catch together: an inventory
// store whose inflight methods reach its bucket through lifting.
bring cloud;
bring expect;

struct Item {
  name: str;
  qty: num;
  tags: Array<str>?;
}

enum Status {
  ACTIVE,
  ARCHIVED
}

interface INamed {
  inflight name(): str;
}

class Store impl INamed {
  bucket: cloud.Bucket;
  prefix: str;
  new(prefix: str) {
    this.bucket = new cloud.Bucket();
    this.prefix = prefix;
  }
  pub inflight save(item: Item): str {
    let key = "{this.prefix}/{item.name}";
    this.bucket.put(key, Json.stringify(Json { name: item.name, qty: item.qty }));
    return key;
  }
  pub inflight total(names: Array<str>): num {
    let var sum = 0;
    for name in names {
      let j = Json.parse(this.bucket.get("{this.prefix}/{name}"));
      sum += j.get("qty").asNum();
    }
    return sum;
  }
  pub inflight name(): str {
    return "store {this.prefix}";
  }
}

inflight class Greeter {
  greeting: str;
  new(greeting: str) {
    this.greeting = greeting;
  }
  pub greet(who: str): str {
    return "{this.greeting}, {who}!";
  }
}

let store = new Store("s0") as "store0";
let s = Status.ACTIVE;

test "lifting through a class" {
  let counts = MutMap<num>{};
  for k in 0..3 {
    let name = "item{k}";
    store.save(Item { name: name, qty: k });
    counts.set(name, k);
  }
  expect.equal(store.total(["item0", "item1", "item2"]), 3);
  expect.equal(counts.size(), 3);
}

test "interfaces dispatch" {
  let n: INamed = store;
  expect.equal(n.name(), "store s0");
}

test "inflight classes and enums" {
  let g = new Greeter("Hello");
  expect.equal(g.greet("ada"), "Hello, ada!");
  assert(s == Status.ACTIVE);
  log("{s}");
}

test "try catch finally" {
  let var log = "";
  try {
    log += "a";
    throw "boom";
  } catch e {
    log += "-{e}";
  } finally {
    log += "-f";
  }
  expect.equal(log, "a-boom-f");
  let var caught = "";
  try {
    let j = Json { a: 1 };
    j.get("b");
  } catch e {
    caught = e;
  }
  expect.equal(caught, "Json property \"b\" does not exist");
}

test "closures share mutable state" {
  let var count = 0;
  let inc = () => {
    count += 1;
  };
  inc();
  inc();
  expect.equal(count, 2);
}

test "structs from json" {
  let i = Item.fromJson(Json { name: "x", qty: 2 });
  expect.equal(i.qty, 2);
  let bad = Item.tryFromJson(Json { name: 1 });
  assert(bad == nil);
}
