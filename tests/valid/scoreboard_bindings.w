// A bowling scoreboard: immutable and reassignable bindings (`let`, `let var`),
// compound assignment `+=`/`-=`, preflight totals lifted into tests and
// inflight accumulation.
bring expect;

let frames = [7, 10, 3, 9, 0, 8];
let var preflightTotal = 0;
for pins in frames {
  preflightTotal += pins;
}
let var penalties = 5;
penalties -= 2;
let finalScore = preflightTotal - penalties;

test "preflight totals arrive inflight" {
  expect.equal(finalScore, 34);
  expect.equal(frames.length, 6);
}

test "a running score with let var" {
  let var score = 0;
  let var strikes = 0;
  for pins in frames {
    score += pins;
    if pins == 10 {
      strikes += 1;
      score += 5;
    }
  }
  score -= 1;
  expect.equal(score, 41);
  expect.equal(strikes, 1);
}

test "reassignment replaces the value" {
  let var leader = "ann";
  let var lead = 3;
  leader = "bob";
  lead = lead * 2;
  lead -= 1;
  expect.equal("{leader}:{lead}", "bob:5");
}
