// A token-bucket rate limiter: an inflight class whose refill rate is a
// `duration`, with time passed in explicitly so the test is deterministic,
// plus a per-client registry in a MutMap.
bring expect;

inflight class TokenBucket {
  capacity: num;
  refillEvery: duration;
  var tokens: num;
  var lastMs: num;
  new(capacity: num, refillEvery: duration, nowMs: num) {
    this.capacity = capacity;
    this.refillEvery = refillEvery;
    this.tokens = capacity;
    this.lastMs = nowMs;
  }
  pub allow(nowMs: num): bool {
    let earned = (nowMs - this.lastMs) \ this.refillEvery.milliseconds;
    if earned > 0 {
      this.tokens = this.tokens + earned;
      if this.tokens > this.capacity {
        this.tokens = this.capacity;
      }
      this.lastMs += earned * this.refillEvery.milliseconds;
    }
    if this.tokens == 0 {
      return false;
    }
    this.tokens -= 1;
    return true;
  }
}

inflight class Limiter {
  buckets: MutMap<TokenBucket>;
  new() {
    this.buckets = MutMap<TokenBucket>{};
  }
  pub allow(client: str, nowMs: num): bool {
    if !this.buckets.has(client) {
      this.buckets.set(client, new TokenBucket(2, 1s, nowMs));
    }
    return this.buckets.get(client).allow(nowMs);
  }
}

test "burst then refill" {
  let b = new TokenBucket(3, 500ms, 0);
  let var allowed = 0;
  for i in 0..5 {
    if b.allow(10) {
      allowed += 1;
    }
  }
  expect.equal(allowed, 3);
  assert(!b.allow(400));
  assert(b.allow(500));
  assert(!b.allow(900));
  assert(b.allow(1000));
}

test "clients are limited independently" {
  let l = new Limiter();
  assert(l.allow("a", 0));
  assert(l.allow("a", 0));
  assert(!l.allow("a", 0));
  assert(l.allow("b", 0));
  assert(l.allow("a", 1000));
}
