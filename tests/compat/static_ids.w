// Static methods, preflight and inflight.
class Ids {
  pub static prefix(kind: str): str {
    return "{kind}-";
  }
  pub static inflight make(kind: str, n: num): str {
    return "{kind}-{n}";
  }
}

let userPrefix = Ids.prefix("user");

test "static methods" {
  assert(userPrefix == "user-");
  assert(Ids.make("order", 7) == "order-7");
}
