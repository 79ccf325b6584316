// A `let` cannot hold the result of a function that returns nothing.
bring cloud;

let bucket = new cloud.Bucket();

test "saves and checks" {
  let saved = bucket.put("a.txt", "hello");
  assert(saved != nil);
}
