// A tag index for blog posts using Set and MutSet: literals, size, has,
// toArray, copy, copyMut, add (chainable), delete and clear.
bring expect;

let reserved = Set<str>["admin", "root", "system"];

test "immutable sets" {
  expect.equal(reserved.size, 3);
  assert(reserved.has("root"));
  assert(!reserved.has("guest"));
  expect.equal(reserved.toArray().length, 3);
  let dup = Set<num>[1, 2, 2, 3, 3, 3];
  expect.equal(dup.size, 3);
}

test "collecting unique tags" {
  let tags = MutSet<str>[];
  for post in ["wing,cloud", "cloud,rust", "wing"] {
    for t in post.split(",") {
      tags.add(t);
    }
  }
  expect.equal(tags.size, 3);
  expect.equal(tags.toArray().join(","), "wing,cloud,rust");
  tags.add("a").add("b");
  expect.equal(tags.size, 5);
  assert(tags.delete("a"));
  assert(!tags.delete("zzz"));
  tags.clear();
  expect.equal(tags.size, 0);
}

test "copies of sets" {
  let editable = reserved.copyMut();
  editable.add("guest");
  expect.equal(editable.size, 4);
  expect.equal(reserved.size, 3);
  let frozen = editable.copy();
  editable.delete("guest");
  assert(frozen.has("guest"));
}
