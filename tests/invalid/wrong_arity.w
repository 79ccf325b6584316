bring cloud;
let bucket = new cloud.Bucket();
test "put needs a body" {
  bucket.put("only-key");
}
