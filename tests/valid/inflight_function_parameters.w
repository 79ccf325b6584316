// Function types written for inflight code are inflight: the parameters
// and result of an inflight closure or an inflight method, so an untyped
// inflight closure can be passed to them, as in Wing 0.85.49 (which
// passes this program).
class Runner {
  pub inflight run(f: (str): str, s: str): str {
    return f(s);
  }
}

let runner = new Runner();
let apply = inflight (f: (num): num, x: num): num => {
  return f(x);
};
let twice = inflight (f: (num): num): (num): num => {
  return (x) => {
    return f(f(x));
  };
};

test "inflight function parameters" {
  assert(runner.run((s) => {
    return s + "!";
  }, "a") == "a!");
  assert(apply((x) => {
    return x * 10;
  }, 4) == 40);
  assert(twice((x) => {
    return x + 3;
  })(1) == 7);
  let local = (g: (str): num): num => {
    return g("four");
  };
  assert(local((s) => {
    return s.length;
  }) == 4);
}
