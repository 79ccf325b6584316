// An inflight class defined inside an inflight closure, capturing a
// mutable variable of the closure.
bring cloud;

let fn = new cloud.Function(inflight () => {
  let var calls = 0;
  class Tracker {
    pub track(): num {
      calls += 1;
      return calls;
    }
  }
  let t = new Tracker();
  t.track();
  t.track();
  return "{t.track()}:{calls}";
});

test "inflight class in a closure" {
  assert(fn.invoke() == "3:3");
}
