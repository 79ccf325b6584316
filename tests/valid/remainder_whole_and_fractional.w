// `%` on whole numbers runs in Wasm, anything else on the host: both give
// JavaScript's remainder (the dividend's sign, `-0` kept), the same as
// preflight.
bring expect;

let cases = [[7, 3], [-7, 3], [7, -3], [-4, 2], [5.5, 2], [-5.5, 2], [9007199254740993, 10], [1e300, 7], [5, 0], [0, 5], [123456789012, 1000]];

let preflightResults = MutArray<str>[];
for c in cases {
  let r = c.at(0) % c.at(1);
  preflightResults.push("{r} {1 / r}");
}
let expected = preflightResults.copy();

test "remainders agree with preflight" {
  let results = MutArray<str>[];
  for c in cases {
    let r = c.at(0) % c.at(1);
    results.push("{r} {1 / r}");
  }
  expect.equal(results.copy(), expected);
  expect.equal(-4 % 2 == 0, true);
  expect.equal(1 / (-4 % 2), -1 / 0);
  let var sum = 0;
  for i in 0..1000 {
    sum += i % 7;
  }
  expect.equal(sum, 2997);
}
