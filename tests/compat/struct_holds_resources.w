// Struct fields hold resources and interfaces.
bring cloud;

interface Greeter {
  inflight greet(name: str): str;
}

class Polite impl Greeter {
  pub inflight greet(name: str): str {
    return "Good day, {name}";
  }
}

struct Deps {
  store: cloud.Bucket;
  counter: cloud.Counter;
  greeter: Greeter;
}

let deps = Deps {
  store: new cloud.Bucket(),
  counter: new cloud.Counter(),
  greeter: new Polite(),
};

test "use resources from a struct" {
  deps.counter.inc();
  deps.store.put("k", deps.greeter.greet("Ada"));
  assert(deps.store.get("k") == "Good day, Ada");
  assert(deps.counter.peek() == 1);
}
