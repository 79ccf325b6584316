// A preflight class is a resource: it cannot be created in a test or other inflight code.
bring cloud;

class Mailbox {
  queue: cloud.Queue;
  new() {
    this.queue = new cloud.Queue();
  }
}

test "creates a mailbox per test" {
  let box = new Mailbox();
}
