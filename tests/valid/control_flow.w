// Loops, branches, ranges, break and continue inflight and preflight.
bring expect;

let var total = 0;
for i in 1..=4 {
  total += i;
}
let preflightTotal = total;

test "preflight loops ran at compile time" {
  expect.equal(preflightTotal, 10);
}

test "while, break and continue" {
  let var n = 0;
  let var evens = 0;
  while true {
    n += 1;
    if n > 10 {
      break;
    }
    if n % 2 == 1 {
      continue;
    }
    evens += 1;
  }
  expect.equal(evens, 5);
}

test "ranges count down and if/else if/else picks one branch" {
  let var seen = "";
  for i in 3..0 {
    seen += "{i}";
  }
  expect.equal(seen, "321");
  let grade = (score: num): str => {
    if score >= 90 {
      return "A";
    } else if score >= 80 {
      return "B";
    } else {
      return "C";
    }
  };
  expect.equal(grade(95), "A");
  expect.equal(grade(85), "B");
  expect.equal(grade(10), "C");
}
