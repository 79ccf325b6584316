// Closures where a handler interface is expected, as in Wing: a closure
// stands for an interface whose only member is `handle` (the std handler
// interfaces, or a program's own), taking its parameter types from the
// interface; a class implementing the same interface can sit beside it.
bring cloud;
bring util;

let audit = new cloud.Bucket() as "audit";
let processed = new cloud.Counter() as "processed";

interface IPriceRule {
  inflight handle(amount: num): num;
}

class Discount impl IPriceRule {
  percent: num;
  new(percent: num) {
    this.percent = percent;
  }
  pub inflight handle(amount: num): num {
    return amount * (100 - this.percent) / 100;
  }
}

class Pricing {
  rules: Array<IPriceRule>;
  new(rules: Array<IPriceRule>) {
    this.rules = rules;
  }
  pub inflight price(amount: num): num {
    let var total = amount;
    for rule in this.rules {
      total = rule.handle(total);
    }
    return total;
  }
}

// A worker whose function is given as a handler interface.
class Worker {
  pub fn: cloud.Function;
  new(handler: cloud.IFunctionHandler) {
    this.fn = new cloud.Function(handler);
  }
}

class Pipeline {
  pub queue: cloud.Queue;
  new(consumer: cloud.IQueueSetConsumerHandler) {
    this.queue = new cloud.Queue();
    this.queue.setConsumer(consumer);
  }
}

let pricing = new Pricing([
  new Discount(10),
  inflight (amount) => {
    return amount + 5;
  },
]);

let half = new Discount(50) as "half";

let echo = new Worker(inflight (input) => {
  audit.put("last-input", Json.stringify(input));
  return input;
});

let quiet: cloud.IFunctionHandler = inflight () => {
  processed.inc(10);
};
let quietFn = new cloud.Function(quiet) as "quiet";

let orders = new Pipeline(inflight (message) => {
  audit.put("order-{message}", message.uppercase());
  processed.inc();
});

test "a closure and a class in one list of price rules" {
  assert(pricing.price(200) == 185);
}

test "closures given as std handler interfaces run as their resources" {
  assert(echo.fn.invoke(Json "hi") == Json "hi");
  assert(audit.get("last-input") == "\"hi\"");
  quietFn.invoke();
  orders.queue.push("a1");
  util.waitUntil(inflight () => {
    return audit.exists("order-a1");
  });
  assert(audit.get("order-a1") == "A1");
  util.waitUntil(inflight () => {
    return processed.peek() == 11;
  });
}

test "an inflight closure held as an interface is called by its handle" {
  let double: IPriceRule = inflight (amount) => {
    return amount * 2;
  };
  assert(double.handle(21) == 42);
  let rules: Array<IPriceRule> = [double, half];
  let var total = 10;
  for rule in rules {
    total = rule.handle(total);
  }
  assert(total == 10);
}
