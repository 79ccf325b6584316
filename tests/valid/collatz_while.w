// Number crunching with `while`: the Collatz sequence, greatest common
// divisor, digit sums and a bounded search with `break` and `continue`.
bring expect;

let collatzSteps = (start: num): num => {
  let var n = start;
  let var steps = 0;
  while n != 1 {
    if n % 2 == 0 {
      n = n / 2;
    } else {
      n = 3 * n + 1;
    }
    steps += 1;
  }
  return steps;
};

let steps27 = collatzSteps(27);

test "collatz computed preflight" {
  expect.equal(steps27, 111);
}

test "gcd and digit sums inflight" {
  let gcd = (a: num, b: num): num => {
    let var x = a;
    let var y = b;
    while y != 0 {
      let t = y;
      y = x % y;
      x = t;
    }
    return x;
  };
  expect.equal(gcd(84, 36), 12);
  expect.equal(gcd(17, 5), 1);

  let var n = 98765;
  let var digits = 0;
  while n > 0 {
    digits += n % 10;
    n = n \ 10;
  }
  expect.equal(digits, 35);
}

test "first perfect square above 50 that is even" {
  let var i = 0;
  let var found = 0;
  while true {
    i += 1;
    let sq = i * i;
    if sq <= 50 {
      continue;
    }
    if sq % 2 == 1 {
      continue;
    }
    found = sq;
    break;
  }
  expect.equal(found, 64);
}
