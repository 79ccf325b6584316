// A method without a return type returns nothing, so `return value;` is an error.
bring cloud;

class Notifier {
  queue: cloud.Queue;
  new() {
    this.queue = new cloud.Queue();
  }
  pub inflight notify(message: str) {
    this.queue.push(message);
    return message.length;
  }
}
