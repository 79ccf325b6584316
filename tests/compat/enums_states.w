// An order state machine with an enum.
enum Status {
  NEW,
  PAID,
  SHIPPED,
}

let next = inflight (s: Status): Status => {
  if s == Status.NEW {
    return Status.PAID;
  } else if s == Status.PAID {
    return Status.SHIPPED;
  }
  return s;
};

test "transitions" {
  let var s = Status.NEW;
  s = next(s);
  assert(s == Status.PAID);
  s = next(next(s));
  assert(s == Status.SHIPPED);
  assert("{Status.PAID}" == "PAID");
}
