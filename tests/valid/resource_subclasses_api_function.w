// Classes extending other std resources: a function whose handler is given
// to `super`, an Api whose constructor adds its own routes through the
// inherited preflight methods, and a counter calling `super.inc`.
bring cloud;
bring http;
bring expect;

class Greeter extends cloud.Function {
  new(greeting: str) {
    super(inflight (name) => {
      return "{greeting}, {name?.tryAsStr() ?? "you"}";
    });
  }
  pub inflight greetBoth(a: str, b: str): str {
    return "{this.invoke(a)!.asStr()} / {this.invoke(b)!.asStr()}";
  }
}

class StatusApi extends cloud.Api {
  new() {
    this.get("/health", inflight () => {
      return { status: 200, body: "ok" };
    });
  }
  pub inflight health(): str {
    return http.get("{this.url}/health").body;
  }
}

class Stepper extends cloud.Counter {
  pub inflight step(): num {
    return super.inc(2);
  }
}

let greeter = new Greeter("hello");
let status = new StatusApi();
let stepper = new Stepper();
let maybe: Stepper? = stepper;
let steppers = [stepper];

test "a function subclass runs the handler its constructor gave" {
  expect.equal(greeter.greetBoth("ann", "bob"), "hello, ann / hello, bob");
  expect.equal(greeter.invoke()?.asStr(), "hello, you");
}

test "an Api subclass serves the routes its constructor added" {
  expect.equal(status.health(), "ok");
  expect.equal(http.get("{status.url}/health").status, 200);
}

test "super reaches the counter, and so do an optional and a collection" {
  expect.equal(stepper.step(), 0);
  expect.equal(maybe?.peek(), 2);
  lift { stepper: [peek] } {
    for s in steppers {
      expect.equal(s.peek(), 2);
    }
  }
}
