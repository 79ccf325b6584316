// Preflight objects that refer back to each other, used whole inflight:
// a located error naming the path that closes the cycle (before: a stack
// overflow while lifting). Using only some fields lifts only those, so
// `ring.next?.next?.name()` inflight is fine.
class Ring {
  pub var next: Ring?;
  pub label: str;
  new(label: str) {
    this.label = label;
    this.next = nil;
  }
  pub inflight name(): str {
    return this.label;
  }
}
let a = new Ring("a") as "a";
let b = new Ring("b") as "b";
a.next = b;
b.next = a;
let walk = inflight (start: Ring): str => {
  return start.next?.name() ?? "-";
};

test "whole ring" {
  log(walk(a));
}

test "parts of the ring" {
  log(b.next?.next?.name() ?? "none");
}
