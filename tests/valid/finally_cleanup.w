// Resource cleanup with try/finally: `finally` runs after a normal exit,
// after a caught error, when `return` leaves the function from inside
// `try`, and when `break`/`continue` leave a loop from inside `try`.
bring expect;

inflight class Conn {
  pub log: MutArray<str>;
  new() {
    this.log = MutArray<str>[];
  }
  pub query(sql: str): str {
    this.log.push("open");
    try {
      if sql == "" {
        throw "empty query";
      }
      this.log.push("run");
      return "rows for {sql}";
    } finally {
      this.log.push("close");
    }
  }
}

test "finally runs after return from try" {
  let c = new Conn();
  expect.equal(c.query("select 1"), "rows for select 1");
  expect.equal(c.log.join(","), "open,run,close");
}

test "finally runs when the error propagates" {
  let c = new Conn();
  let var err = "";
  try {
    c.query("");
  } catch e {
    err = e;
  }
  expect.equal(err, "empty query");
  expect.equal(c.log.join(","), "open,close");
}

test "break and continue inside try still run finally" {
  let steps = MutArray<str>[];
  for i in 0..10 {
    try {
      if i == 1 {
        continue;
      }
      if i == 3 {
        break;
      }
      steps.push("work{i}");
    } finally {
      steps.push("done{i}");
    }
  }
  expect.equal(steps.join(" "), "work0 done0 done1 work2 done2 done3");
}

test "catch and finally together" {
  let var trail = "";
  let risky = (fail: bool): str => {
    try {
      if fail {
        throw "bad";
      }
      trail += "ok;";
      return "value";
    } catch e {
      trail += "caught {e};";
      return "fallback";
    } finally {
      trail += "cleanup;";
    }
  };
  expect.equal(risky(false), "value");
  expect.equal(risky(true), "fallback");
  expect.equal(trail, "ok;cleanup;caught bad;cleanup;");
}
