// The app the Lambda runtime tests deploy: a function answering Json, one
// that fails inside a helper, one that writes to a bucket, a queue consumer
// that refuses one message, an Api route, a topic subscriber and a
// schedule.
bring cloud;
bring util;

let uploads = new cloud.Bucket() as "uploads";
let jobs = new cloud.Queue() as "jobs";
let web = new cloud.Api() as "web";

new cloud.Function(inflight (event: Json?): Json? => {
  let name = event?.tryGet("name")?.tryAsStr() ?? "nobody";
  log("greeting {name}");
  return { greeting: "Hello, {name}!", stage: util.env("STAGE") };
}, env: { "STAGE": "test" }) as "greet";

let check = inflight (amount: num) => {
  if amount > 10 {
    throw "{amount} is too much";
  }
};

new cloud.Function(inflight (event: Json?): Json? => {
  check(event?.tryGet("amount")?.tryAsNum() ?? 0);
  return "fine";
}) as "limit";

new cloud.Function(inflight (event: Json?): Json? => {
  uploads.put("greeting.txt", "hello");
  return nil;
}) as "store";

jobs.setConsumer(inflight (message: str) => {
  if message == "poison" {
    throw "cannot handle {message}";
  }
  log("handled {message}");
});

web.get("/hello/:name", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  return {
    status: 200,
    headers: { "content-type": "application/json" },
    body: Json.stringify({ name: req.vars.get("name"), q: req.query.tryGet("q"), agent: req.headers?.tryGet("user-agent") }),
  };
});

let news = new cloud.Topic() as "news";
news.onMessage(inflight (message: str) => {
  log("news: {message}");
});

let ticks = new cloud.Schedule(rate: 1m) as "ticks";
ticks.onTick(inflight () => {
  log("tick");
});
