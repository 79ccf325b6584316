// Inflight closures capturing mutable inflight variables.
test "closures share a variable" {
  let var count = 0;
  let bump = (by: num) => {
    count += by;
  };
  bump(2);
  bump(3);
  assert(count == 5);
  let items = MutArray<str>[];
  let add = (s: str) => {
    items.push(s);
  };
  add("a");
  add("b");
  assert(items.length == 2);
}
