// An HTTP-style middleware chain: a preflight class stores inflight closures
// of type `inflight (str): str` given at construction time, and applies
// them in order from an inflight method; `inflight (Json): bool` guards
// decide whether a request passes.
bring expect;

class Chain {
  steps: Array<inflight (str): str>;
  guard: inflight (Json): bool;
  new(steps: Array<inflight (str): str>, guard: inflight (Json): bool) {
    this.steps = steps;
    this.guard = guard;
  }
  pub inflight handle(req: Json): str {
    if !this.guard(req) {
      return "403";
    }
    let var body = req.get("body").asStr();
    for s in this.steps {
      body = s(body);
    }
    return "200 {body}";
  }
}

let steps = MutArray<inflight (str): str>[];
steps.push(inflight (s: str): str => {
  return s.trim();
});
steps.push(inflight (s: str): str => {
  return s.replaceAll(" ", "_");
});
steps.push(inflight (s: str): str => {
  return "<{s}>";
});

let chain = new Chain(steps.copy(), inflight (req: Json): bool => {
  return req.tryGet("token")?.tryAsStr() == "secret";
});

test "requests pass through every step" {
  expect.equal(chain.handle({ token: "secret", body: "  hello big world " }), "200 <hello_big_world>");
}

test "the guard rejects bad tokens" {
  expect.equal(chain.handle({ token: "wrong", body: "x" }), "403");
  expect.equal(chain.handle({ body: "x" }), "403");
}
