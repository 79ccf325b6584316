// A nightly cleanup (cron, weekdays) and a five-minute heartbeat (rate).
bring cloud;

let logs = new cloud.Bucket() as "logs";
let nightly = new cloud.Schedule(cron: "30 2 * * 1-5") as "nightly";
nightly.onTick(inflight () => {
  for key in logs.list("tmp/") {
    logs.delete(key);
  }
});
let heartbeat = new cloud.Schedule(rate: 5m) as "heartbeat";
heartbeat.onTick(inflight () => {
  logs.put("heartbeat", "{datetime.utcNow().toIso()}");
});
