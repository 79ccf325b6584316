// Splitting a bill among friends: arithmetic operators and precedence,
// `\` (integer division, truncating toward zero as Wing does), `%`, `**`.
// Note: `**` is right-associative here (2 ** 3 ** 2 == 2 ** 9 == 512, as in
// mathematics, JavaScript and Python); Wing 0.85.49 evaluates it left to
// right (64), which we treat as a Wing bug.
bring expect;

test "split a bill into whole cents" {
  let cents = 10000;
  let people = 3;
  let each = cents \ people;
  let leftover = cents % people;
  expect.equal(each, 3333);
  expect.equal(leftover, 1);
  expect.equal(each * people + leftover, cents);
}

test "truncating division and remainder keep the sign of the dividend" {
  expect.equal(7 \ 2, 3);
  expect.equal(-7 \ 2, -3);
  expect.equal(7 \ -2, -3);
  expect.equal(-7 % 3, -1);
  expect.equal(7 % -3, 1);
  expect.equal(7.5 \ 2, 3);
}

test "power and precedence" {
  expect.equal(2 ** 10, 1024);
  expect.equal(2 ** 3 ** 2, 512);
  expect.equal(1 + 2 * 3, 7);
  expect.equal((1 + 2) * 3, 9);
  expect.equal(10 - 4 - 3, 3);
  expect.equal(2 * 3 ** 2, 18);
  expect.equal(-2 ** 2, -4);
  expect.equal(100 / 8, 12.5);
  expect.equal(17 % 5 * 2, 4);
}

test "compound interest with **" {
  let principal = 1000;
  let rate = 0.1;
  let years = 2;
  let amount = principal * (1 + rate) ** years;
  expect.equal(amount, 1210.0000000000002);
}
