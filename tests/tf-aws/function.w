// Functions with their settings, one invoking another.
bring cloud;

let resize = new cloud.Function(inflight (event: Json?) => {
  return { width: event?.get("width")?.asNum() ?? 0 / 2 };
}, timeout: 30s, memory: 512, logRetentionDays: 90, concurrency: 5) as "resize";
resize.addEnvironment("QUALITY", "high");

new cloud.Function(inflight () => {
  let result = resize.invoke({ width: 800 });
  resize.invokeAsync({ width: 100 });
  return result;
}, env: { "STAGE": "prod", "TEMPLATE": "$\{name}" }) as "gateway";
