// Recursion: recursive closures preflight and inflight (factorial,
// fibonacci, walking a nested Json org chart) and recursive methods.
bring expect;

let fact = (n: num): num => {
  if n <= 1 {
    return 1;
  }
  return n * fact(n - 1);
};
let fact10 = fact(10);

class Tree {
  pub static depth(node: Json): num {
    let var deepest = 0;
    if let children = node.tryGet("reports") {
      let var i = 0;
      while children.tryGetAt(i) != nil {
        let d = Tree.depth(children.getAt(i));
        if d > deepest {
          deepest = d;
        }
        i += 1;
      }
    }
    return deepest + 1;
  }
}

let org = Json {
  name: "ceo",
  reports: [
    { name: "cto", reports: [{ name: "dev" }, { name: "ops", reports: [{ name: "sre" }] }] },
    { name: "cfo" }
  ]
};
let orgDepth = Tree.depth(org);

test "preflight recursion" {
  expect.equal(fact10, 3628800);
  expect.equal(orgDepth, 4);
}

test "inflight recursive closures" {
  let fib = (n: num): num => {
    if n < 2 {
      return n;
    }
    return fib(n - 1) + fib(n - 2);
  };
  expect.equal(fib(15), 610);

  let count = (node: Json): num => {
    let var n = 1;
    if let rs = node.tryGet("reports") {
      for i in 0..100 {
        if let r = rs.tryGetAt(i) {
          n += count(r);
        } else {
          break;
        }
      }
    }
    return n;
  };
  expect.equal(count(org), 6);
}
