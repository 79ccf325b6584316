// An inflight closure passed to a `super(...)` constructor argument.
class Processor {
  step: inflight (str): str;
  new(step: inflight (str): str) {
    this.step = step;
  }
  pub inflight run(input: str): str {
    return this.step(input);
  }
}

class Reverser extends Processor {
  new() {
    super(inflight (s: str): str => {
      let var out = "";
      for i in 0..s.length {
        out = s.at(i) + out;
      }
      return out;
    });
  }
}

let r = new Reverser();

test "closure passed to super" {
  assert(r.run("wing") == "gniw");
}
