// `bring` statements after other statements.
let greeting = "hello";
bring cloud;
let b = new cloud.Bucket();
bring expect;

test "brought late" {
  b.put("g", greeting);
  expect.equal(b.get("g"), "hello");
}
