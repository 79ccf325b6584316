// Scheduling a meeting across time zones: datetime.fromComponents with a
// timezone offset (minutes, JavaScript's sign convention), local
// components, `timezone`, `toUtc()` and comparing instants.
// (The toIso() of a zoned datetime is left out: see bugs/datetime-toiso-offset.w.)
bring expect;

test "the same instant in two zones" {
  let berlin = datetime.fromComponents(year: 2024, month: 0, day: 15, hour: 9, min: 30, sec: 0, ms: 0, tz: -60);
  let london = datetime.fromComponents(year: 2024, month: 0, day: 15, hour: 8, min: 30, sec: 0, ms: 0, tz: 0);
  expect.equal(berlin.hours, 9);
  expect.equal(berlin.timezone, -60);
  expect.equal(berlin.timestampMs, london.timestampMs);
  expect.equal(berlin.toUtc().hours, 8);
  expect.equal(berlin.toUtc().min, 30);
  expect.equal(london.toIso(), "2024-01-15T08:30:00.000Z");
}

test "meeting length and end time" {
  let start = datetime.fromIso("2024-01-15T08:30:00.000Z");
  let length = 90m;
  let endMs = start.timestampMs + length.milliseconds;
  let endIso = datetime.fromIso("2024-01-15T10:00:00.000Z");
  expect.equal(endMs, endIso.timestampMs);
  expect.equal(endIso.hours - start.hours, 2);
  expect.equal(endIso.dayOfWeek, 1);
}
