// The app the Lambda runtime tests deploy: a function answering Json, one
// that fails inside a helper, one that writes to a bucket, a queue consumer
// that refuses one message, an Api route, a topic subscriber and a
// schedule; and functions using each resource on AWS (moto in the tests):
// a bucket's operations, a counter, a queue and a topic, a secret, a table,
// and a consumer that stores each message in the bucket; and functions
// invoking another through Lambda Invoke (a stand-in in the tests): one
// waiting for its Json result (or its failure), one that only queues an
// event.
bring cloud;
bring ex;
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

new cloud.Function(inflight (event: Json?): Json? => {
  uploads.put("a/one.txt", "one");
  uploads.putJson("a/two.json", { n: 2 });
  uploads.copy("a/one.txt", "b/copy.txt");
  uploads.rename("b/copy.txt", "b/moved.txt");
  let var missing = "";
  try {
    uploads.get("nope.txt");
  } catch e {
    missing = e;
  }
  let var deleteMissing = "";
  try {
    uploads.delete("nope.txt", mustExist: true);
  } catch e {
    deleteMissing = e;
  }
  return {
    one: uploads.get("a/one.txt"),
    middle: uploads.get("a/one.txt", startByte: 1, endByte: 1),
    two: uploads.getJson("a/two.json"),
    nothing: uploads.tryGet("nope.txt") == nil,
    copied: uploads.exists("b/copy.txt"),
    moved: uploads.exists("b/moved.txt"),
    keys: uploads.list("a/"),
    type: uploads.metadata("a/two.json").contentType ?? "none",
    size: uploads.metadata("a/one.txt").size,
    deleted: uploads.tryDelete("b/moved.txt"),
    deletedAgain: uploads.tryDelete("b/moved.txt"),
    missing: missing,
    deleteMissing: deleteMissing,
  };
}) as "files";

let hits = new cloud.Counter(initial: 10) as "hits";
new cloud.Function(inflight (event: Json?): Json? => {
  let before = hits.inc();
  hits.dec(3, "other");
  return { before: before, now: hits.peek(), other: hits.peek("other") };
}) as "count";

let outbox = new cloud.Queue() as "outbox";
new cloud.Function(inflight (event: Json?): Json? => {
  outbox.push("one", "two");
  let size = outbox.approxSize();
  let popped = outbox.pop() ?? "none";
  news.publish("extra!");
  let var empty = "";
  try {
    outbox.push("");
  } catch e {
    empty = e;
  }
  return { size: size, popped: popped, empty: empty };
}) as "messages";

let token = new cloud.Secret(name: "token") as "token";
new cloud.Function(inflight (event: Json?): Json? => {
  return { token: token.value(), parsed: token.valueJson().get("user") };
}) as "reveal";

let people = new ex.Table(name: "people", primaryKey: "id", columns: { "name": "string" }) as "directory";
new cloud.Function(inflight (event: Json?): Json? => {
  people.insert("ada", { name: "Ada", born: 1815 });
  people.upsert("bo", { name: "Bo", tags: ["x"] });
  let var twice = "";
  try {
    people.insert("ada", { name: "Ada again" });
  } catch e {
    twice = e;
  }
  let var absent = "";
  try {
    people.update("cy", { name: "Cy" });
  } catch e {
    absent = e;
  }
  people.delete("bo");
  return { ada: people.get("ada"), bo: people.tryGet("bo"), all: people.list(), twice: twice, absent: absent };
}) as "census";

let orders = new cloud.Queue() as "orders";
orders.setConsumer(inflight (message: str) => {
  uploads.put("orders/{message}.txt", "received {message}");
});

let double = new cloud.Function(inflight (event: Json?): Json? => {
  let n = event?.tryGet("n")?.tryAsNum() ?? 0;
  if n < 0 {
    throw "cannot double {n}";
  }
  log("doubling {n}");
  return { doubled: n * 2 };
}) as "double";

new cloud.Function(inflight (event: Json?): Json? => {
  let n = event?.tryGet("n")?.tryAsNum() ?? 0;
  let var failure = "none";
  try {
    double.invoke({ n: 0 - n });
  } catch e {
    failure = e;
  }
  let answer = double.invoke({ n: n });
  return { doubled: answer?.get("doubled"), failure: failure };
}) as "relay";

new cloud.Function(inflight (event: Json?): Json? => {
  double.invokeAsync({ n: event?.tryGet("n")?.tryAsNum() ?? 0 });
  return "queued";
}) as "fire";
