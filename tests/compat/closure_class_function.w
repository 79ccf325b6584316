// A class implementing `cloud.IFunctionHandler` given to a function.
bring cloud;

class Doubler impl cloud.IFunctionHandler {
  pub inflight handle(event: Json?): Json? {
    let n = event?.tryAsNum() ?? 0;
    return n * 2;
  }
}

let fn = new cloud.Function(new Doubler());

test "the function runs the class's handle" {
  assert(fn.invoke(21) == 42);
  assert(fn.invoke() == 0);
}
