// A background job processor: jobs are pushed to a queue as Json text, a
// consumer parses them, does the work and records results in a bucket and
// a counter; the test waits until everything has been processed.
bring cloud;
bring util;
bring expect;

struct Job {
  id: str;
  kind: str;
  payload: Array<num>;
}

let results = new cloud.Bucket() as "results";
let processed = new cloud.Counter() as "processed";
let jobs = new cloud.Queue() as "jobs";

jobs.setConsumer(inflight (message: str) => {
  let job = Job.parseJson(message);
  let var value = 0;
  if job.kind == "sum" {
    for n in job.payload {
      value += n;
    }
  } else if job.kind == "max" {
    for n in job.payload {
      if n > value {
        value = n;
      }
    }
  }
  results.put(job.id, "{value}");
  processed.inc();
});

test "jobs are processed asynchronously" {
  jobs.push(Json.stringify(Job { id: "j1", kind: "sum", payload: [1, 2, 3] }));
  jobs.push(Json.stringify(Job { id: "j2", kind: "max", payload: [4, 9, 2] }));
  jobs.push(Json.stringify(Job { id: "j3", kind: "noop", payload: [] }));
  let done = util.waitUntil(inflight (): bool => {
    return processed.peek() == 3;
  });
  assert(done);
  expect.equal(results.get("j1"), "6");
  expect.equal(results.get("j2"), "9");
  expect.equal(results.get("j3"), "0");
}
