// Storage abstractions: an inflight interface extending others, a class
// implementing several interfaces, and functions accepting the narrower
// interface types.
bring expect;

inflight interface IReader {
  read(key: str): str?;
}

inflight interface IWriter {
  write(key: str, value: str): void;
}

inflight interface IStore extends IReader, IWriter {
  size(): num;
}

inflight interface IClearable {
  clear(): void;
}

inflight class MemoryStore impl IStore, IClearable {
  data: MutMap<str>;
  new() {
    this.data = MutMap<str>{};
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
  pub clear() {
    this.data.clear();
  }
}

test "one object seen through several interfaces" {
  let store = new MemoryStore();
  let w: IWriter = store;
  let r: IReader = store;
  let s: IStore = store;
  let c: IClearable = store;
  w.write("a", "1");
  s.write("b", "2");
  expect.equal(r.read("a") ?? "", "1");
  expect.equal(s.read("b") ?? "", "2");
  assert(r.read("zz") == nil);
  expect.equal(s.size(), 2);
  c.clear();
  expect.equal(s.size(), 0);
}

test "functions over the narrow interface" {
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
  let src = new MemoryStore();
  let dst = new MemoryStore();
  src.write("x", "10");
  src.write("y", "20");
  expect.equal(copyAll(src, dst, ["x", "y", "z"]), 2);
  expect.equal(dst.read("y") ?? "", "20");
}
