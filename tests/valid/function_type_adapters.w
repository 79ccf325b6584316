// A function value can be used as a function type that passes more
// arguments (the extra ones are ignored, as in Wing) or wider ones (a
// closure taking `num?` where `(num): num` is expected), in both phases,
// through variables, collections, struct fields and lifted values. A
// checkout pipeline whose steps do not all need every argument.
bring cloud;
bring expect;
bring util;

struct Step {
  name: str;
  apply: inflight (num, str): num;
}

let discount = inflight (price: num): num => {
  return price * 0.9;
};
let shipping = inflight (price: num, country: str): num => {
  if country == "US" {
    return price + 5;
  }
  return price + 15;
};
let steps = [Step { name: "discount", apply: discount }, Step { name: "shipping", apply: shipping }];
let handlers: Array<inflight (num, str): num> = [discount];

let orders = new cloud.Bucket() as "orders";
let seen = new cloud.Counter() as "seen";
orders.onCreate(inflight (key: str) => {
  seen.inc();
});

let combine = (f: (num, num): num): num => {
  return f(2, 3);
};
let preflightResult = combine((a: num): num => {
  return a * 10;
});

test "steps that take fewer arguments" {
  let var total = 100;
  for step in steps {
    total = step.apply(total, "US");
  }
  expect.equal(total, 95);
  expect.equal(handlers.at(0)(10, "FR"), 9);
}

test "wider parameters and optional function values" {
  let orZero = (x: num?): num => {
    return (x ?? 0) * 10;
  };
  let applyTwo = (g: (num, num): num): num => {
    return g(5, 6);
  };
  expect.equal(applyTwo(orZero), 50);
  expect.equal(applyTwo((a: num): num => {
    return a;
  }), 5);
  let maybe: ((num, num): num)? = (a: num): num => {
    return a * 2;
  };
  if let m = maybe {
    expect.equal(m(1, 2), 2);
  } else {
    expect.fail("maybe is set");
  }
  let fs = MutArray<(num, num): num>[];
  fs.push((a: num): num => {
    return a + 100;
  });
  fs.push((a: num, b: num): num => {
    return a + b;
  });
  let var sum = 0;
  for f in fs {
    sum += f(1, 2);
  }
  expect.equal(sum, 104);
  expect.equal(preflightResult, 20);
}

test "a bucket handler that ignores the event type" {
  orders.put("a.json", "\{}");
  util.waitUntil(inflight () => {
    return seen.peek() == 1;
  });
}
