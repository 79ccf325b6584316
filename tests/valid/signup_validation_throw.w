// Sign-up form validation: `throw` with computed messages, nested
// try/catch, re-throwing with context, `catch` without a variable, and
// collecting every error instead of stopping at the first.
bring expect;

struct Signup {
  email: str;
  password: str;
  age: num;
}

inflight class Validator {
  pub static check(s: Signup) {
    if !s.email.contains("@") {
      throw "invalid email '{s.email}'";
    }
    if s.password.length < 8 {
      throw "password too short ({s.password.length} < 8)";
    }
    if s.age < 13 {
      throw "must be at least 13";
    }
  }
  pub static errors(forms: Array<Signup>): Array<str> {
    let out = MutArray<str>[];
    for f in forms {
      try {
        Validator.check(f);
      } catch e {
        out.push(e);
      }
    }
    return out.copy();
  }
}

test "valid input passes" {
  Validator.check(Signup { email: "a@b.c", password: "correct horse", age: 30 });
  let var threw = false;
  try {
    Validator.check(Signup { email: "a@b.c", password: "short", age: 30 });
  } catch {
    threw = true;
  }
  assert(threw);
}

test "every error is collected" {
  let errs = Validator.errors([
    Signup { email: "nope", password: "long enough", age: 20 },
    Signup { email: "x@y", password: "abc", age: 20 },
    Signup { email: "x@y", password: "long enough", age: 9 },
    Signup { email: "x@y", password: "long enough", age: 40 }
  ]);
  expect.equal(errs.length, 3);
  expect.equal(errs.at(0), "invalid email 'nope'");
  expect.equal(errs.at(1), "password too short (3 < 8)");
  expect.equal(errs.at(2), "must be at least 13");
}

test "re-throwing adds context" {
  let var outer = "";
  try {
    try {
      Validator.check(Signup { email: "bad", password: "", age: 0 });
    } catch e {
      throw "signup rejected: {e}";
    }
  } catch e {
    outer = e;
  }
  expect.equal(outer, "signup rejected: invalid email 'bad'");
}
