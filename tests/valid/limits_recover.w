// Jobs run by a queue consumer with tight limits: on its first delivery a
// job exceeds the timeout, loops forever or allocates past the memory
// limit. Each such invocation fails on its own; the message comes back and
// the next delivery completes.
bring cloud;
bring util;
bring expect;

let jobs = new cloud.Queue(timeout: 100ms) as "jobs";
let tries = new cloud.Counter() as "tries";
let done = new cloud.Bucket() as "done";

jobs.setConsumer(inflight (job: str) => {
  let attempt = tries.inc(1, job);
  if attempt == 0 {
    if job == "slow" {
      util.sleep(10s);
    } else if job == "loop" {
      while true {}
    } else {
      let var blob = "0123456789abcdef";
      while true {
        blob = blob + blob;
      }
    }
  }
  done.put(job, "finished on attempt {attempt + 1}");
}, timeout: 50ms, memory: 32);

test "a function that exceeds its timeout is retried" {
  jobs.push("slow");
  util.waitUntil(inflight () => {
    return done.exists("slow");
  });
  expect.equal(done.get("slow"), "finished on attempt 2");
}

test "a function that loops forever is stopped" {
  jobs.push("loop");
  util.waitUntil(inflight () => {
    return done.exists("loop");
  });
  expect.equal(done.get("loop"), "finished on attempt 2");
}

test "a function over its memory limit is stopped" {
  jobs.push("hungry");
  util.waitUntil(inflight () => {
    return done.exists("hungry");
  });
  expect.equal(done.get("hungry"), "finished on attempt 2");
}
