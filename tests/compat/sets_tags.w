// Sets of tags.
let base = Set<str>["red", "green"];

test "sets" {
  let s = base.copyMut();
  s.add("blue");
  s.add("red");
  assert(s.size == 3);
  assert(s.has("blue"));
  s.delete("green");
  assert(!s.has("green"));
  assert(s.toArray().length == 2);
  assert(base.size == 2);
}
