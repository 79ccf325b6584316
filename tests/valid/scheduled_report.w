// A scheduled report: page views are counted per page; a schedule writes
// the totals to a bucket on every tick.
bring cloud;
bring util;
bring expect;

let views = new cloud.Counter() as "views";
let reports = new cloud.Bucket() as "reports";
let ticks = new cloud.Counter() as "ticks";
let every = new cloud.Schedule(rate: 50ms) as "every-50ms";

every.onTick(inflight () => {
  let n = ticks.inc();
  reports.putJson("latest.json", Json { tick: n, home: views.peek("home"), about: views.peek("about") });
});

let nightly = new cloud.Schedule(cron: "0 3 * * *") as "nightly";
nightly.onTick(inflight () => {
  reports.put("nightly.txt", "ran");
});

test "a schedule ticks within a test" {
  views.inc(1, "home");
  views.inc(1, "home");
  views.inc(1, "about");
  util.waitUntil(inflight () => {
    if let report = reports.tryGetJson("latest.json") {
      return report.get("home").asNum() == 2 && report.get("tick").asNum() >= 1;
    }
    return false;
  });
  expect.equal(reports.getJson("latest.json").get("about").asNum(), 1);
}

test "a cron schedule waits for its time" {
  expect.equal(reports.exists("nightly.txt"), false);
}
