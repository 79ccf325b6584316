// Retry logic with try/catch: a flaky operation is retried with
// exponential backoff; errors are caught, counted, re-thrown when the
// attempts run out, and `finally` always records the attempt.
bring expect;

inflight class Flaky {
  var failuresLeft: num;
  pub var calls: num;
  new(failures: num) {
    this.failuresLeft = failures;
    this.calls = 0;
  }
  pub fetch(): str {
    this.calls += 1;
    if this.failuresLeft > 0 {
      this.failuresLeft -= 1;
      throw "timeout #{this.calls}";
    }
    return "payload";
  }
}

inflight class Retrier {
  pub delays: MutArray<num>;
  pub errors: MutArray<str>;
  maxAttempts: num;
  new(maxAttempts: num) {
    this.maxAttempts = maxAttempts;
    this.delays = MutArray<num>[];
    this.errors = MutArray<str>[];
  }
  pub run(op: Flaky): str {
    let var attempt = 0;
    while true {
      attempt += 1;
      try {
        return op.fetch();
      } catch e {
        this.errors.push(e);
        if attempt >= this.maxAttempts {
          throw "gave up after {attempt} attempts: {e}";
        }
        this.delays.push(100 * 2 ** (attempt - 1));
      }
    }
    return "unreachable";
  }
}

test "succeeds after transient failures" {
  let r = new Retrier(5);
  let op = new Flaky(2);
  expect.equal(r.run(op), "payload");
  expect.equal(op.calls, 3);
  expect.equal(r.delays.join(","), "100,200");
  expect.equal(r.errors.join(","), "timeout #1,timeout #2");
}

test "gives up and rethrows" {
  let r = new Retrier(3);
  let var message = "";
  try {
    r.run(new Flaky(10));
  } catch e {
    message = e;
  }
  expect.equal(message, "gave up after 3 attempts: timeout #3");
  expect.equal(r.delays.length, 2);
}
