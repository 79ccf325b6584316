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

// A function that builds a string and returns its length gives the
// builder back when it returns: 5,000 calls that build 20 KB each stay
// within 64 MB (before, every call's builder stayed until the invocation
// ended: 5,000 × 32 KB with the room to grow).
let reporter = new cloud.Function(inflight (event: Json?): Json? => {
  let row = "----------------------------------------------------------------------------------------------------";
  let lineLength = (pieces: num): num => {
    let var line = "";
    for i in 0..pieces {
      line += row;
    }
    return line.length;
  };
  let var total = 0;
  for i in 0..5000 {
    total = total + lineLength(200);
  }
  return "{total}";
}, memory: 64) as "reporter";

test "builders of returning functions are given back" {
  expect.equal(reporter.invoke(nil), "100000000");
}
