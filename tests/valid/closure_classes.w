// Closure classes: an object whose class has an `inflight handle(…)` is
// callable like a function of that shape, and the std handler interfaces
// (`cloud.IFunctionHandler`, …) are types a class can implement.
bring cloud;
bring util;

let seen = new cloud.Counter() as "seen";

class Recorder impl cloud.IFunctionHandler {
  label: str;
  new(label: str) {
    this.label = label;
  }
  pub inflight handle(event: Json?): Json? {
    seen.inc();
    return Json "{this.label}:{event?.tryAsStr() ?? "none"}";
  }
}

class Consumer impl cloud.IQueueSetConsumerHandler {
  pub inflight handle(message: str): void {
    seen.inc(100);
  }
}

interface IScale {
  inflight handle(x: num): num;
}

class Twice impl IScale {
  pub inflight handle(x: num): num {
    return x * 2;
  }
}

class Plus {
  pub inflight handle(a: num, b: num): num {
    return a + b;
  }
}

let recorder = new Recorder("rec");
let consumer = new Consumer();
let scale: IScale = new Twice();
let plus = new Plus();
let asHandler: cloud.IFunctionHandler = recorder;

// Where a function is expected, a closure calls the object.
let fn = new cloud.Function(inflight (event) => {
  return recorder(event);
}) as "fn";
let jobs = new cloud.Queue();
jobs.setConsumer(inflight (message) => {
  consumer(message);
});

test "calling closure objects" {
  assert(plus(2, 3) == 5);
  assert(scale(21) == 42);
  assert(recorder(Json "x") == Json "rec:x");
  assert(asHandler(nil) == Json "rec:none");
  assert(seen.peek() == 2);
}

test "closure objects behind handlers" {
  assert(fn.invoke(Json "y") == Json "rec:y");
  jobs.push("m");
  util.waitUntil(inflight () => {
    return seen.peek() == 101;
  });
}

// A preflight `handle` makes an object callable preflight too (Wing
// 0.85.49 fails there at run time: "g is not a function").
class Greeter {
  prefix: str;
  new(prefix: str) {
    this.prefix = prefix;
  }
  pub handle(name: str): str {
    return "{this.prefix} {name}";
  }
}
let greet = new Greeter("hello");
let greeting = greet("ada");

test "a preflight closure object" {
  assert(greeting == "hello ada");
}
