bring cloud;
let queue = new cloud.Queue();
test "queue has no send" {
  queue.send("x");
}
