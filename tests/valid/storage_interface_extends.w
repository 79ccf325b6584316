// Feature-flag sources: an interface extending two others, a class
// implementing several interfaces, functions accepting the narrower
// interface types, and an interface with an inflight member implemented
// by a preflight class and called from a test.
bring cloud;
bring expect;

interface IReader {
  read(key: str): str?;
}

interface IWriter {
  write(key: str, value: str): void;
}

interface IStore extends IReader, IWriter {
  size(): num;
}

interface IPublisher {
  inflight publish(key: str): void;
}

class FlagStore impl IStore, IPublisher {
  data: MutMap<str>;
  bucket: cloud.Bucket;
  new() {
    this.data = MutMap<str>{};
    this.bucket = new cloud.Bucket();
  }
  pub read(key: str): str? {
    return this.data.tryGet(key);
  }
  pub write(key: str, value: str) {
    this.data.set(key, value);
  }
  pub size(): num {
    return this.data.size();
  }
  pub inflight publish(key: str) {
    this.bucket.put("flags/{key}", "on");
  }
  pub inflight published(): Array<str> {
    return this.bucket.list("flags/");
  }
}

let copyAll = (from: IReader, to: IWriter, keys: Array<str>): num => {
  let var n = 0;
  for k in keys {
    if let v = from.read(k) {
      to.write(k, v);
      n += 1;
    }
  }
  return n;
};

let staging = new FlagStore() as "staging";
let prod = new FlagStore() as "prod";
let w: IWriter = staging;
w.write("dark-mode", "on");
w.write("beta-api", "off");
let s: IStore = staging;
let copied = copyAll(s, prod, ["dark-mode", "beta-api", "missing"]);
let prodSize = prod.size();
let prodBeta = prod.read("beta-api") ?? "?";
let missing = prod.read("missing") ?? "absent";

test "flags copied through interfaces at build time" {
  expect.equal(copied, 2);
  expect.equal(prodSize, 2);
  expect.equal(prodBeta, "off");
  expect.equal(missing, "absent");
}

test "the inflight member of an interface" {
  prod.publish("dark-mode");
  expect.equal(prod.published().join(","), "flags/dark-mode");
  expect.equal(staging.published().length, 0);
}
