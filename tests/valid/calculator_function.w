// A calculator exposed as a cloud.Function: the handler takes a Json
// request, validates it into a struct and returns a Json response; errors
// come back as Json too.
bring cloud;
bring expect;

struct CalcRequest {
  op: str;
  a: num;
  b: num;
}

let calc = new cloud.Function(inflight (event: Json?): Json? => {
  if let body = event {
    if let req = CalcRequest.tryFromJson(body) {
      if req.op == "add" {
        return { result: req.a + req.b };
      } else if req.op == "div" {
        if req.b == 0 {
          return { error: "division by zero" };
        }
        return { result: req.a / req.b };
      }
      return { error: "unknown op {req.op}" };
    }
    return { error: "invalid request" };
  }
  return { error: "empty request" };
}) as "calc";

test "operations" {
  expect.equal(calc.invoke({ op: "add", a: 2, b: 3 })?.get("result")?.asNum(), 5);
  expect.equal(calc.invoke({ op: "div", a: 7, b: 2 })?.get("result")?.asNum(), 3.5);
}

test "errors are reported in the response" {
  let r1 = calc.invoke({ op: "div", a: 1, b: 0 })!;
  expect.equal(r1.get("error").asStr(), "division by zero");
  let r2 = calc.invoke({ op: "pow", a: 1, b: 2 })!;
  expect.equal(r2.get("error").asStr(), "unknown op pow");
  let r3 = calc.invoke({ op: "add" })!;
  expect.equal(r3.get("error").asStr(), "invalid request");
  let r4 = calc.invoke(nil)!;
  expect.equal(r4.get("error").asStr(), "empty request");
}
