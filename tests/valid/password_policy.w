// A password strength checker: character classes found by scanning the
// string with `at`, boolean logic with `&&`, `||` and `!`, short-circuit
// evaluation, and an enum for the verdict.
bring expect;

enum Strength {
  WEAK,
  FAIR,
  STRONG
}

inflight class Policy {
  pub static has(s: str, alphabet: str): bool {
    for i in 0..s.length {
      if alphabet.contains(s.at(i)) {
        return true;
      }
    }
    return false;
  }
  pub static rate(pw: str): Strength {
    let lower = Policy.has(pw, "abcdefghijklmnopqrstuvwxyz");
    let upper = Policy.has(pw, "ABCDEFGHIJKLMNOPQRSTUVWXYZ");
    let digit = Policy.has(pw, "0123456789");
    let symbol = Policy.has(pw, "!@#$%^&*-_");
    if pw.length < 8 || !(lower || upper) {
      return Strength.WEAK;
    }
    if lower && upper && digit && symbol && pw.length >= 12 {
      return Strength.STRONG;
    }
    if (lower && upper) || digit {
      return Strength.FAIR;
    }
    return Strength.WEAK;
  }
}

test "ratings" {
  assert(Policy.rate("abc") == Strength.WEAK);
  assert(Policy.rate("12345678") == Strength.WEAK);
  assert(Policy.rate("password") == Strength.WEAK);
  assert(Policy.rate("password1") == Strength.FAIR);
  assert(Policy.rate("PassWord") == Strength.FAIR);
  assert(Policy.rate("Correct-Horse-9") == Strength.STRONG);
  expect.equal("{Policy.rate("Tr0ub4dor&3xyz")}", "STRONG");
}

test "short-circuit evaluation" {
  let var calls = 0;
  let check = (result: bool): bool => {
    calls += 1;
    return result;
  };
  if check(false) && check(true) {
    calls += 100;
  }
  expect.equal(calls, 1);
  if check(true) || check(false) {
    calls += 10;
  }
  expect.equal(calls, 12);
  assert(!(true && false) == (!true || !false));
}
