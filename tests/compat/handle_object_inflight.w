// An object with `inflight handle` called as a function from inflight code.
bring cloud;

class Formatter {
  pub inflight handle(s: str): str {
    return "<{s}>";
  }
}

let fmt = new Formatter();
let fn = new cloud.Function(inflight (event) => {
  return fmt(event?.tryAsStr() ?? "");
});

test "handle object" {
  assert(fn.invoke("x") == "<x>");
  assert(fmt("y") == "<y>");
}
