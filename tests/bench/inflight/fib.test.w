// Numeric recursion: fib(27) in a static inflight method.
class Numbers {
  pub static inflight fib(n: num): num {
    if n < 2 {
      return n;
    }
    return Numbers.fib(n - 1) + Numbers.fib(n - 2);
  }
}

test "numeric recursion: fib(27)" {
  let start = datetime.utcNow().timestampMs;
  let result = Numbers.fib(27);
  let end = datetime.utcNow().timestampMs;
  log("BENCH fib {end - start}");
  assert(result == 196418);
}
