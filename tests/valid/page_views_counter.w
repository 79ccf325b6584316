// Page view analytics with cloud.Counter: keyed counters per page, an
// initial value, inc/dec by amounts, peek and set.
bring cloud;
bring expect;

let views = new cloud.Counter() as "views";
let quota = new cloud.Counter(initial: 100) as "quota";

class Analytics {
  views: cloud.Counter;
  new(views: cloud.Counter) {
    this.views = views;
  }
  pub inflight visit(page: str): num {
    return this.views.inc(1, page) + 1;
  }
  pub inflight report(pages: Array<str>): str {
    let parts = MutArray<str>[];
    for p in pages {
      parts.push("{p}={this.views.peek(p)}");
    }
    return parts.join(" ");
  }
}

let analytics = new Analytics(views);
let startingQuota = quota.initial;

test "keyed counters" {
  analytics.visit("/home");
  analytics.visit("/home");
  expect.equal(analytics.visit("/docs"), 1);
  expect.equal(analytics.report(["/home", "/docs", "/none"]), "/home=2 /docs=1 /none=0");
}

test "initial value, amounts and set" {
  expect.equal(startingQuota, 100);
  expect.equal(quota.peek(), 100);
  quota.dec(30);
  expect.equal(quota.peek(), 70);
  quota.inc(5);
  expect.equal(quota.peek(), 75);
  quota.set(10);
  expect.equal(quota.dec(), 10);
  expect.equal(quota.peek(), 9);
}
