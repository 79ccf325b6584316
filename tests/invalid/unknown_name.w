bring cloud;
let bucket = new cloud.Bucket();
test "uses a misspelled name" {
  buckt.put("a", "b");
}
