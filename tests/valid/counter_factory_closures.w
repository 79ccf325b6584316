// Closures as counters and accumulators: functions returning closures,
// closures capturing and mutating an outer `let var`, nested closures, in
// both phases (preflight results are lifted into the tests).
bring expect;

let makeCounter = (start: num): (): num => {
  let var n = start;
  return (): num => {
    n += 1;
    return n;
  };
};

let c1 = makeCounter(10);
let c2 = makeCounter(0);
c1();
c1();
let preflightC1 = c1();
let preflightC2 = c2();

let var events = 0;
let record = () => {
  events += 1;
};
record();
record();
let preflightEvents = events;

test "preflight closures keep their own state" {
  expect.equal(preflightC1, 13);
  expect.equal(preflightC2, 1);
  expect.equal(preflightEvents, 2);
}

test "inflight closures capture and mutate" {
  let makeAcc = (): inflight (num): num => {
    let var total = 0;
    return (x: num): num => {
      total += x;
      return total;
    };
  };
  let acc = makeAcc();
  acc(5);
  acc(7);
  expect.equal(acc(3), 15);
  let other = makeAcc();
  expect.equal(other(1), 1);
}

test "nested closures see every enclosing scope" {
  let var log = "";
  let outer = (a: str) => {
    let inner = (b: str) => {
      log += "{a}{b};";
    };
    inner("1");
    inner("2");
  };
  outer("x");
  outer("y");
  expect.equal(log, "x1;x2;y1;y2;");
}
