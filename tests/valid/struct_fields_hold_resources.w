// Struct fields that hold resources, class instances and interfaces, as
// Wing allows: built preflight, passed to constructors and functions,
// read inflight (through a lifted struct, a field and a parameter).
bring cloud;

interface IGreeter {
  inflight greet(name: str): str;
}

class Polite impl IGreeter {
  prefix: str;
  new(prefix: str) {
    this.prefix = prefix;
  }
  pub inflight greet(name: str): str {
    return "{this.prefix} {name}";
  }
}

struct Deps {
  store: cloud.Bucket;
  greeter: IGreeter;
  hits: cloud.Counter?;
}

struct AppProps extends Deps {
  name: str;
}

class Service {
  deps: Deps;
  new(props: AppProps) {
    this.deps = props;
  }
  pub inflight run(who: str): str {
    let text = this.deps.greeter.greet(who);
    this.deps.store.put(who, text);
    this.deps.hits?.inc();
    return text;
  }
}

let counter = new cloud.Counter();
let deps = Deps { store: new cloud.Bucket() as "store", greeter: new Polite("hello") as "polite", hits: counter };
let bare = Deps { store: new cloud.Bucket() as "other", greeter: new Polite("hi") as "brief" };
let service = new Service(name: "svc", store: deps.store, greeter: deps.greeter, hits: deps.hits);

let describe = (d: Deps): str => {
  if d.hits != nil {
    return "counted";
  }
  return "uncounted";
};
let kinds = "{describe(deps)},{describe(bare)}";

test "a lifted struct's resource fields" {
  deps.store.put("a", "b");
  assert(deps.store.get("a") == "b");
  assert(deps.greeter.greet("ada") == "hello ada");
  assert(bare.greeter.greet("bob") == "hi bob");
  assert(bare.hits == nil);
}

test "a class holding a struct of resources" {
  assert(service.run("eve") == "hello eve");
  assert(deps.store.get("eve") == "hello eve");
  assert(counter.peek() == 1);
  assert(kinds == "counted,uncounted");
}
