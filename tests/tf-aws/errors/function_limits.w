bring cloud;

new cloud.Function(inflight () => {
  log("too big");
}, timeout: 20m, memory: 64, logRetentionDays: 10, env: { "AWS_REGION": "x" }) as "huge";
