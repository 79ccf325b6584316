// Parsing and printing quantities: number literals (decimals, `1_000`),
// num.fromStr, and how numbers look when interpolated.
bring expect;

let big = 1_000_000;

test "literals" {
  expect.equal(big, 1000000);
  expect.equal(1.5 + 0.25, 1.75);
}

test "parsing numbers from text" {
  expect.equal(num.fromStr("42"), 42);
  expect.equal(num.fromStr("-3.5"), -3.5);
  let var total = 0;
  for part in "10,20,30.5".split(",") {
    total += num.fromStr(part);
  }
  expect.equal(total, 60.5);
  let var bad = false;
  try {
    num.fromStr("abc");
  } catch {
    bad = true;
  }
  assert(bad);
}

test "numbers in strings" {
  expect.equal("{1.50}", "1.5");
  expect.equal("{10 / 4}", "2.5");
  expect.equal("{-0.25}", "-0.25");
  expect.equal("{big}", "1000000");
  expect.equal("{0.1 + 0.2}", "0.30000000000000004");
  expect.equal("{3 / 1}", "3");
}

test "very large and very small numbers print like JavaScript" {
  expect.equal("{0.0000001}", "1e-7");
  expect.equal("{2 ** 70}", "1.1805916207174113e+21");
  expect.equal("{10 ** 20}", "100000000000000000000");
  expect.equal("{1 / 3}", "0.3333333333333333");
}
