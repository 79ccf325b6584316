// Every `bring` must come before the first other statement of the file.
bring cloud;

let queue = new cloud.Queue();

bring util;

test "waits a bit" {
  util.sleep(1s);
  queue.push("done");
}
