// A release calendar: parsing ISO dates, reading components, comparing
// timestamps and building dates from components.
bring expect;

let launch = datetime.fromIso("2024-03-05T10:20:30.400Z");

test "components of a parsed date" {
  expect.equal(launch.year, 2024);
  expect.equal(launch.month, 2);
  expect.equal(launch.dayOfMonth, 5);
  expect.equal(launch.dayOfWeek, 2);
  expect.equal(launch.hours, 10);
  expect.equal(launch.min, 20);
  expect.equal(launch.sec, 30);
  expect.equal(launch.ms, 400);
  expect.equal(launch.timestampMs, 1709634030400);
  expect.equal(launch.toIso(), "2024-03-05T10:20:30.400Z");
}

test "days between two releases" {
  let next = datetime.fromIso("2024-04-04T10:20:30.400Z");
  let days = (next.timestampMs - launch.timestampMs) / 1d.milliseconds;
  expect.equal(days, 30);
}

test "from components and back" {
  let d = datetime.fromComponents(year: 2023, month: 11, day: 31, hour: 23, min: 59, sec: 58, ms: 0, tz: 0);
  expect.equal(d.toIso(), "2023-12-31T23:59:58.000Z");
  expect.equal(d.toUtc().toIso(), "2023-12-31T23:59:58.000Z");
}

test "now is after the launch" {
  let now = datetime.utcNow();
  let sys = datetime.systemNow();
  assert(now.timestampMs > launch.timestampMs);
  assert(sys.timestampMs >= now.timestampMs - 60000);
}
