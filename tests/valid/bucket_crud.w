// A notes store on a bucket: create, read, list, delete.
bring cloud;
bring expect;

let notes = new cloud.Bucket() as "notes";

test "put then get returns the body" {
  notes.put("2024/01/first.md", "# First");
  expect.equal(notes.get("2024/01/first.md"), "# First");
}

test "tryGet gives nil for a missing note" {
  let missing = notes.tryGet("nope.md");
  assert(missing == nil);
  notes.put("yes.md", "here");
  assert((notes.tryGet("yes.md") ?? "") == "here");
}

test "list filters by prefix and delete removes" {
  notes.put("2024/a.md", "a");
  notes.put("2024/b.md", "b");
  notes.put("2025/c.md", "c");
  expect.equal(notes.list("2024/").length, 2);
  expect.equal(notes.list().length, 3);
  notes.delete("2024/a.md");
  assert(!notes.exists("2024/a.md"));
  expect.equal(notes.list("2024/"), ["2024/b.md"]);
}
