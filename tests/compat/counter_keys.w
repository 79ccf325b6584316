// A counter with per-key values.
bring cloud;

let votes = new cloud.Counter();

test "keyed counters" {
  votes.inc(1, "cats");
  votes.inc(1, "cats");
  votes.inc(5, "dogs");
  votes.dec(1, "dogs");
  assert(votes.peek("cats") == 2);
  assert(votes.peek("dogs") == 4);
  assert(votes.peek() == 0);
  votes.set(10, "cats");
  assert(votes.peek("cats") == 10);
}
