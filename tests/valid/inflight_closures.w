// Inflight closures: nested, capturing locals, passed to util.waitUntil.
bring cloud;
bring util;
bring expect;

let results = new cloud.Bucket() as "results";

test "a nested closure captures inflight locals" {
  let greeting = "hi";
  let times = 3;
  let repeat = (word: str): str => {
    let var out = "";
    for i in 0..times {
      out += word;
    }
    return out;
  };
  expect.equal(repeat(greeting), "hihihi");
}

test "closures compose" {
  let twice = (f: (num): num, x: num): num => {
    return f(f(x));
  };
  let inc = (n: num): num => {
    return n + 1;
  };
  expect.equal(twice(inc, 5), 7);
}

test "waitUntil polls a predicate" {
  results.put("done", "yes");
  let ok = util.waitUntil(inflight () => {
    return results.exists("done");
  });
  assert(ok);
}
