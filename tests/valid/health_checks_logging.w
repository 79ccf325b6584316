// Service health checks reported with `log`, `assert` (with and without a
// message) and the expect helpers `equal`, `notEqual` and `ok`.
bring expect;

struct Check {
  name: str;
  latencyMs: num;
  healthy: bool;
}

let checks = [
  Check { name: "db", latencyMs: 12, healthy: true },
  Check { name: "cache", latencyMs: 3, healthy: true },
  Check { name: "search", latencyMs: 950, healthy: false }
];

log("configured {checks.length} health checks");

test "report and assert" {
  let var failing = 0;
  for c in checks {
    log("{c.name}: {c.latencyMs}ms healthy={c.healthy}");
    if !c.healthy {
      failing += 1;
    }
  }
  assert(failing == 1, "exactly one check fails");
  assert(checks.length == 3);
  expect.ok(failing < checks.length);
  expect.ok(true, "always fine");
  expect.notEqual(failing, 0);
  expect.notEqual(checks.at(0).name, checks.at(1).name);
  expect.equal(checks.at(2).name, "search");
}

test "a failed assertion throws with its message" {
  let var msg = "";
  try {
    assert(1 + 1 == 3, "math is broken");
  } catch e {
    msg = e;
  }
  assert(msg.contains("math is broken"));
  let var msg2 = "";
  try {
    expect.equal(1, 2);
  } catch e {
    msg2 = e;
  }
  assert(msg2.length > 0);
}
