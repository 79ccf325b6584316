// A queue consumer written as a class implementing the handler interface.
bring cloud;
bring util;

let seen = new cloud.Counter();

class Tally impl cloud.IQueueSetConsumerHandler {
  pub inflight handle(message: str): void {
    seen.inc(num.fromStr(message));
  }
}

let q = new cloud.Queue();
q.setConsumer(new Tally());

test "the class consumes the queue" {
  q.push("3", "4");
  util.waitUntil(inflight () => { return seen.peek() == 7; });
  assert(seen.peek() == 7);
}
