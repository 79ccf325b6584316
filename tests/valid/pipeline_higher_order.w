// A tiny data pipeline built from higher-order functions: function types
// like `(num): num` and `(num): bool`, closures passed as arguments and
// composed into new closures.
bring expect;

inflight class Pipeline {
  steps: MutArray<inflight (num): num>;
  new() {
    this.steps = MutArray<inflight (num): num>[];
  }
  pub add(step: inflight (num): num): Pipeline {
    this.steps.push(step);
    return this;
  }
  pub run(x: num): num {
    let var v = x;
    for s in this.steps {
      v = s(v);
    }
    return v;
  }
}

test "map, filter and reduce by hand" {
  let map = (xs: Array<num>, f: (num): num): Array<num> => {
    let out = MutArray<num>[];
    for x in xs {
      out.push(f(x));
    }
    return out.copy();
  };
  let filter = (xs: Array<num>, keep: (num): bool): Array<num> => {
    let out = MutArray<num>[];
    for x in xs {
      if keep(x) {
        out.push(x);
      }
    }
    return out.copy();
  };
  let reduce = (xs: Array<num>, init: num, f: (num, num): num): num => {
    let var acc = init;
    for x in xs {
      acc = f(acc, x);
    }
    return acc;
  };
  let prices = [5, 12, 8, 20];
  let withTax = map(prices, (p: num): num => {
    return p * 1.5;
  });
  let expensive = filter(withTax, (p: num): bool => {
    return p > 10;
  });
  let total = reduce(expensive, 0, (a: num, b: num): num => {
    return a + b;
  });
  expect.equal(withTax.join(","), "7.5,18,12,30");
  expect.equal(expensive.length, 3);
  expect.equal(total, 60);
}

test "composition returns a new function" {
  let compose = (f: (num): num, g: (num): num): (num): num => {
    return (x: num): num => {
      return g(f(x));
    };
  };
  let inc = (x: num): num => {
    return x + 1;
  };
  let dbl = (x: num): num => {
    return x * 2;
  };
  expect.equal(compose(inc, dbl)(3), 8);
  expect.equal(compose(dbl, inc)(3), 7);
}

test "a pipeline object holds closures" {
  let p = new Pipeline();
  p.add((x: num): num => {
    return x + 10;
  }).add((x: num): num => {
    return x * 3;
  });
  expect.equal(p.run(1), 33);
  expect.equal(p.run(0), 30);
}
