// A string literal that is never closed is reported where it starts.
bring cloud;

let bucket = new cloud.Bucket();

test "writes a greeting" {
  bucket.put("greeting.txt", "hello, world);
  log("written");
}
