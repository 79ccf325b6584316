// A preflight closure cannot be called from inflight code; it must be declared `inflight`.
bring cloud;

let bucket = new cloud.Bucket();

let keyFor = (userId: str): str => {
  return "users/{userId}.json";
};

test "stores a profile" {
  bucket.put(keyFor("u-42"), "\{\"name\": \"Ada\"}");
}
