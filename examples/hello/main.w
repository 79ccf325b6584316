bring cloud;
bring util;

let bucket = new cloud.Bucket();
let queue = new cloud.Queue();

queue.setConsumer(inflight (message: str) => {
  bucket.put("out/{message}.txt", "Hello, {message}!");
});

test "a pushed message lands in the bucket" {
  queue.push("world");
  util.waitUntil(inflight () => {
    return bucket.exists("out/world.txt");
  });
  assert(bucket.get("out/world.txt") == "Hello, world!");
}

test "each test starts from an empty bucket" {
  assert(!bucket.exists("out/world.txt"));
}
