bring cloud;
let bucket = new cloud.Bucket();
test "tryGet may be nil" {
  let body: str = bucket.tryGet("k");
}
