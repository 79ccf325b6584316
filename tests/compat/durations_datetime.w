// Durations and dates.
let timeout = 2m;

test "durations" {
  assert(timeout.seconds == 120);
  assert(1h.minutes == 60);
  assert(duration.fromMinutes(3).seconds == 180);
}

test "dates" {
  let d = datetime.fromIso("2024-03-15T10:30:00Z");
  assert(d.year == 2024);
  assert(d.month == 2);
  assert(d.dayOfMonth == 15);
  assert(d.hours == 10);
  assert(d.min == 30);
  let now = datetime.utcNow();
  assert(now.timestamp > d.timestamp);
}
