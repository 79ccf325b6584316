// A member without `pub` is private to its class.
bring cloud;

class RateLimiter {
  counter: cloud.Counter;
  limit: num;
  new(limit: num) {
    this.counter = new cloud.Counter();
    this.limit = limit;
  }
  pub inflight allow(): bool {
    return this.counter.inc() < this.limit;
  }
}

let limiter = new RateLimiter(100);

test "resets the limiter" {
  limiter.counter.set(0);
}
