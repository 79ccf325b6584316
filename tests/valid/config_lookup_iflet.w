// Layered configuration lookup: an override map, then environment defaults,
// then a hard-coded fallback. Exercises `if let … else if let … else` and
// `if let var`.
bring expect;

let overrides = { "region" => "eu-west-1", "retries" => "5" };
let defaults = { "region" => "us-east-1", "timeout" => "30", "retries" => "3" };

test "if let chains pick the first present layer" {
  let resolve = (key: str): str => {
    if let v = overrides.tryGet(key) {
      return "override:{v}";
    } else if let v = defaults.tryGet(key) {
      return "default:{v}";
    } else {
      return "missing";
    }
  };
  expect.equal(resolve("region"), "override:eu-west-1");
  expect.equal(resolve("timeout"), "default:30");
  expect.equal(resolve("color"), "missing");
}

test "if let var allows adjusting the unwrapped value" {
  let var out = "";
  if let var retries = overrides.tryGet("retries") {
    retries = retries + "x";
    out = retries;
  }
  expect.equal(out, "5x");
  let timeout: num? = num.fromStr(defaults.get("timeout"));
  if let var t = timeout {
    t += 10;
    expect.equal(t, 40);
  } else {
    expect.equal("not", "reached");
  }
}

test "a nil optional takes the else branch" {
  let none: str? = nil;
  let var branch = "";
  if let x = none {
    branch = "some {x}";
  } else {
    branch = "none";
  }
  expect.equal(branch, "none");
}
