bring cloud;

let ping = new cloud.Schedule(rate: 10s) as "ping";
ping.onTick(inflight () => { log("ping"); });
let odd = new cloud.Schedule(cron: "0 0 1 * MON") as "odd";
odd.onTick(inflight () => { log("odd"); });
