// Closure parameters without written types take them from the function type
// the context expects, in preflight and inflight code alike (Wing 0.85.49
// passes this program). A small pricing pipeline built from such closures.
bring cloud;
bring expect;
bring util;

let applyAll = (rules: Array<(num): num>, price: num): num => {
  let var result = price;
  for rule in rules {
    result = rule(result);
  }
  return result;
};

let rules = MutArray<(num): num>[];
rules.push((p) => {
  return p * 0.9;
});
rules.push((p) => {
  return p - 5;
});
let preflightPrice = applyAll(rules.copy(), 100);

let orders = new cloud.Queue();
let totals = new cloud.Counter();
orders.setConsumer(inflight (body) => {
  totals.inc(num.fromStr(body));
});

test "untyped parameters in preflight closures" {
  expect.equal(preflightPrice, 85);
}

test "untyped parameters in inflight closures" {
  let twice = (f: (num): num, v: num): num => {
    return f(f(v));
  };
  expect.equal(twice((x) => {
    return x + 3;
  }, 1), 7);
  let scores = Json [3, 5, 8];
  expect.equal(scores[-1].asNum(), 8);
  orders.push("4");
  util.waitUntil(inflight () => {
    return totals.peek() == 4;
  });
}
