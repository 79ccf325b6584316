// A class extending a standard resource, calling `super`.
bring cloud;

class VisitCounter extends cloud.Counter {
  new() {
    super(initial: 100);
  }
  pub inflight visit(): num {
    return this.inc() + 1;
  }
}

let visits = new VisitCounter();

test "extended counter" {
  assert(visits.visit() == 101);
  assert(visits.visit() == 102);
  assert(visits.peek() == 102);
}
