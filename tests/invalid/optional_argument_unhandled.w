// Passing a `str?` where a `str` parameter is expected.
bring cloud;

let bucket = new cloud.Bucket();

let normalize = inflight (text: str): str => {
  return text.trim().lowercase();
};

test "normalizes the stored name" {
  let name = bucket.tryGet("name.txt");
  bucket.put("name.txt", normalize(name));
}
