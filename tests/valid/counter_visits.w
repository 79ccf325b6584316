// Page-visit counters per page key.
bring cloud;
bring expect;

let visits = new cloud.Counter() as "visits";

test "counters start at the initial value and count up" {
  expect.equal(visits.peek(), 0);
  expect.equal(visits.inc(), 0);
  expect.equal(visits.inc(5), 1);
  expect.equal(visits.peek(), 6);
}

test "keys count separately" {
  visits.inc(1, "home");
  visits.inc(1, "home");
  visits.inc(1, "about");
  expect.equal(visits.peek("home"), 2);
  expect.equal(visits.peek("about"), 1);
  visits.dec(1, "home");
  expect.equal(visits.peek("home"), 1);
  visits.set(42, "about");
  expect.equal(visits.peek("about"), 42);
}
