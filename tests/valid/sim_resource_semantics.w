// An order-intake backend whose resources behave as Wing's simulator (and
// the cloud) do: objects get their content type from the key, a message
// being handled is not counted by approxSize, a queue subscribed twice to a
// topic hears each message twice, a service whose stop closure fails still
// stops, and inflight code sees only its function's environment. Wing
// 0.85.49 passes it.
bring cloud;
bring expect;
bring util;

let uploads = new cloud.Bucket() as "uploads";

let jobs = new cloud.Queue() as "jobs";
let progress = new cloud.Counter() as "progress";
jobs.setConsumer(inflight (message) => {
  progress.inc(1, "started");
  util.sleep(2s);
  progress.inc(1, "finished");
});

let announcements = new cloud.Topic() as "announcements";
let audit = new cloud.Queue() as "audit";
announcements.subscribeQueue(audit);
announcements.subscribeQueue(audit);

let poller = new cloud.Service(inflight () => {
  return inflight () => {
    throw "the poller could not flush its buffer";
  };
}, autoStart: false) as "poller";

let region = new cloud.Function(inflight () => {
  return "{util.tryEnv("REGION") ?? "none"} {util.tryEnv("PATH") ?? "no PATH"}";
}, env: { "REGION" => "eu-west-1" }) as "region";

test "content types follow the key" {
  uploads.put("report.txt", "x");
  uploads.put("orders.json", "[]");
  uploads.put("blob", "x");
  expect.equal(uploads.metadata("report.txt").contentType, "text/plain");
  expect.equal(uploads.metadata("orders.json").contentType, "application/json");
  expect.equal(uploads.metadata("blob").contentType, "application/octet-stream");
  uploads.copy("report.txt", "report-copy");
  expect.equal(uploads.metadata("report-copy").contentType, "text/plain");
}

test "a message being handled is not waiting" {
  jobs.push("order-1");
  util.waitUntil(inflight () => {
    return progress.peek("started") >= 1;
  });
  expect.equal(jobs.approxSize(), 0);
  expect.equal(jobs.pop(), nil);
}

test "each subscription hears the message" {
  announcements.publish("order-1 shipped");
  util.waitUntil(inflight () => {
    return audit.approxSize() >= 2;
  });
  expect.equal(audit.approxSize(), 2);
}

test "a failing stop closure does not fail stop" {
  poller.start();
  util.waitUntil(inflight () => {
    return poller.started();
  });
  poller.stop();
  expect.equal(poller.started(), false);
}

test "inflight code sees its function's environment only" {
  expect.equal(region.invoke(), "eu-west-1 no PATH");
  expect.equal(util.tryEnv("PATH"), nil);
}
