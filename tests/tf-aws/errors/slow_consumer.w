bring cloud;

let jobs = new cloud.Queue(timeout: 30s) as "jobs";
jobs.setConsumer(inflight (job: str) => {
  log(job);
}, timeout: 5m);
