// A million appends to one string within a 64 MB invocation: the string
// grows in place (amortised O(1) per append) and no intermediate string
// is kept, so memory follows the final length (spec/abi.md, "In-place
// string building").
bring cloud;
bring expect;

let builder = new cloud.Function(inflight (event: Json?): Json? => {
  let var s = "";
  for i in 0..1000000 {
    s = s + "x";
  }
  let var t = "";
  for i in 0..200000 {
    t += "ab";
  }
  return "{s.length} {t.length}";
}, memory: 64) as "builder";

test "1,000,000 appends within a 64 MB invocation memory limit" {
  expect.equal(builder.invoke(nil), "1000000 400000");
}
