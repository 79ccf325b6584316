// Counting business days for an SLA: walking day by day with
// `timestampMs` and a `1d` duration, `dayOfWeek` to skip weekends, a Set
// of holiday dates, and the due date formatted with toIso().
bring expect;

let holidays = Set<str>["2024-12-25", "2024-12-26", "2025-01-01"];

inflight class Sla {
  pub static addBusinessDays(start: datetime, days: num, holidays: Set<str>): datetime {
    let var ms = start.timestampMs;
    let var left = days;
    while left > 0 {
      ms += 1d.milliseconds;
      let d = datetime.fromIso(Sla.isoAt(ms));
      let date = d.toIso().substring(0, 10);
      if d.dayOfWeek == 0 || d.dayOfWeek == 6 || holidays.has(date) {
        continue;
      }
      left -= 1;
    }
    return datetime.fromIso(Sla.isoAt(ms));
  }
  static isoAt(ms: num): str {
    let base = datetime.fromIso("1970-01-01T00:00:00.000Z");
    let days = (ms - base.timestampMs) \ 1d.milliseconds;
    let c = datetime.fromComponents(year: 1970, month: 0, day: 1 + days, hour: 9, min: 0, sec: 0, ms: 0, tz: 0);
    return c.toIso();
  }
}

test "weekends are skipped" {
  let friday = datetime.fromIso("2024-06-07T09:00:00.000Z");
  expect.equal(friday.dayOfWeek, 5);
  let due = Sla.addBusinessDays(friday, 1, holidays);
  expect.equal(due.toIso(), "2024-06-10T09:00:00.000Z");
  expect.equal(due.dayOfWeek, 1);
  expect.equal(Sla.addBusinessDays(friday, 5, holidays).toIso(), "2024-06-14T09:00:00.000Z");
}

test "holidays are skipped" {
  let start = datetime.fromIso("2024-12-23T09:00:00.000Z");
  let due = Sla.addBusinessDays(start, 3, holidays);
  expect.equal(due.toIso(), "2024-12-30T09:00:00.000Z");
}
