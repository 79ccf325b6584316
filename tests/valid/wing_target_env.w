// `util.env("WING_TARGET")` is `sim` in the simulator, preflight, in
// tests and in functions alike, as Wing sets it; a function's own `env`
// comes beside it. Checked against Wing 0.85.49 (passes there).
bring cloud;
bring util;

let preflightTarget = util.env("WING_TARGET");
let fn = new cloud.Function(inflight () => {
  return "{util.env("WING_TARGET")}/{util.env("REGION")}";
}, env: { "REGION": "local" });

test "the target in the environment" {
  assert(util.env("WING_TARGET") == "sim");
  assert(preflightTarget == "sim");
  assert(fn.invoke() == "sim/local");
  assert(util.tryEnv("REGION") == nil);
}
