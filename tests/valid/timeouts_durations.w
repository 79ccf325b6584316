// Timeout budgets with `duration`: literals in ms/s/m/h/d, the unit
// accessors (milliseconds through years) and the `duration.fromX`
// constructors, preflight and inflight.
bring expect;
bring math;

let requestTimeout = 1500ms;
let budget = 2m;

test "unit accessors convert" {
  expect.equal(requestTimeout.seconds, 1.5);
  expect.equal(requestTimeout.milliseconds, 1500);
  expect.equal(budget.seconds, 120);
  expect.equal(budget.minutes, 2);
  expect.equal(3h.minutes, 180);
  expect.equal(90m.hours, 1.5);
  expect.equal(2d.hours, 48);
  expect.equal(36h.days, 1.5);
}

test "how many attempts fit in the budget" {
  let attempts = budget.milliseconds \ requestTimeout.milliseconds;
  expect.equal(attempts, 80);
}

test "constructors from numbers" {
  expect.equal(duration.fromMilliseconds(250).milliseconds, 250);
  expect.equal(duration.fromSeconds(90).minutes, 1.5);
  expect.equal(duration.fromMinutes(30).hours, 0.5);
  expect.equal(duration.fromHours(12).days, 0.5);
  expect.equal(duration.fromDays(2).hours, 48);
  expect.equal(duration.fromYears(1).days, 365);
  expect.equal(duration.fromMonths(12).days, 365);
  expect.equal(duration.fromYears(2).months, 24);
}

test "retention periods in months and years" {
  let retention = 30d;
  expect.equal(math.round(retention.months * 1000) / 1000, 0.986);
  expect.equal(duration.fromDays(730).years, 2);
  expect.equal("{1500ms.months}", "5.707762557077626e-7");
}
