bring cloud;
test "creates a bucket inflight" {
  let b = new cloud.Bucket();
}
