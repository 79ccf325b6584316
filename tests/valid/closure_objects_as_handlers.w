// Closure-class objects passed as handlers, as in Wing: the handler is the
// object's `handle` method, run with the object lifted (its resources
// granted what `handle` does with them).
bring cloud;
bring util;

let seen = new cloud.Counter() as "seen";
let store = new cloud.Bucket() as "store";

class Recorder impl cloud.IFunctionHandler {
  label: str;
  new(label: str) {
    this.label = label;
  }
  pub inflight handle(event: Json?): Json? {
    seen.inc();
    store.put(this.label, event?.tryAsStr() ?? "none");
    return Json "{this.label}:{event?.tryAsStr() ?? "none"}";
  }
}

class Consumer impl cloud.IQueueSetConsumerHandler {
  counter: cloud.Counter;
  new(counter: cloud.Counter) {
    this.counter = counter;
  }
  pub inflight handle(message: str): void {
    this.counter.inc(100);
  }
}

class Ticker {
  pub inflight handle(message: str): void {
    seen.inc(1000);
  }
}

let fn = new cloud.Function(new Recorder("rec")) as "fn";
let jobs = new cloud.Queue();
jobs.setConsumer(new Consumer(seen));
let news = new cloud.Topic();
news.onMessage(new Ticker());

test "closure objects as handlers" {
  assert(fn.invoke(Json "y") == Json "rec:y");
  assert(store.get("rec") == "y");
  jobs.push("m");
  news.publish("n");
  util.waitUntil(inflight () => {
    return seen.peek() == 1101;
  });
  assert(seen.peek() == 1101);
}
