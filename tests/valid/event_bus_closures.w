// An in-process event bus: handlers are inflight closures stored in a
// MutMap of MutArrays, subscribed and published at run time; handlers
// capture and mutate variables of the test that registered them.
bring expect;

inflight class EventBus {
  handlers: MutMap<MutArray<inflight (str): void>>;
  new() {
    this.handlers = MutMap<MutArray<inflight (str): void>>{};
  }
  pub on(topic: str, handler: inflight (str): void) {
    if !this.handlers.has(topic) {
      this.handlers.set(topic, MutArray<inflight (str): void>[]);
    }
    this.handlers.get(topic).push(handler);
  }
  pub emit(topic: str, payload: str): num {
    let var delivered = 0;
    if let hs = this.handlers.tryGet(topic) {
      for h in hs {
        h(payload);
        delivered += 1;
      }
    }
    return delivered;
  }
}

test "every subscriber receives the event" {
  let bus = new EventBus();
  let var audit = "";
  let var emails = 0;
  bus.on("signup", (user: str) => {
    audit += "signup:{user};";
  });
  bus.on("signup", (user: str) => {
    emails += 1;
  });
  bus.on("delete", (user: str) => {
    audit += "delete:{user};";
  });
  expect.equal(bus.emit("signup", "ada"), 2);
  expect.equal(bus.emit("signup", "bob"), 2);
  expect.equal(bus.emit("delete", "ada"), 1);
  expect.equal(bus.emit("unknown", "x"), 0);
  expect.equal(audit, "signup:ada;signup:bob;delete:ada;");
  expect.equal(emails, 2);
}
