// A MutArray created preflight arrives inflight as a copy and cannot be changed there.
bring cloud;

let seen = MutArray<str>[];
let queue = new cloud.Queue();

queue.setConsumer(inflight (message: str) => {
  seen.push(message);
});
