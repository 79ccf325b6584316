// A visit counter behind an Api: a class extending `cloud.Counter` with
// inflight methods of its own that call the ones it inherits.
bring cloud;
bring http;
bring expect;

class VisitCounter extends cloud.Counter {
  pub label: str;
  new(label: str, start: num) {
    super(initial: start);
    this.label = label;
  }
  pub inflight visit(page: str): num {
    this.inc(1, page);
    return this.inc() + 1;
  }
  pub inflight report(page: str): str {
    return "{this.label}: {this.peek()} visits, {this.peek(page)} on {page}";
  }
}

let visits = new VisitCounter("site", 100);
let api = new cloud.Api();
api.get("/visit/:page", inflight (req) => {
  let total = visits.visit(req.vars.get("page"));
  return { status: 200, body: "{total}" };
});
api.get("/report/:page", inflight (req) => {
  return { status: 200, body: visits.report(req.vars.get("page")) };
});
let path = nodeof(visits).path;

test "the subclass is a counter starting where its constructor says" {
  expect.equal(visits.peek(), 100);
  expect.equal(visits.visit("home"), 101);
  expect.equal(visits.peek("home"), 101);
  expect.equal(visits.label, "site");
  expect.equal(path, "root/Default/VisitCounter");
}

test "an Api route counts visits through the subclass's methods" {
  expect.equal(http.get("{api.url}/visit/home").body, "101");
  expect.equal(http.get("{api.url}/visit/about").body, "102");
  expect.equal(http.get("{api.url}/report/home").body, "site: 102 visits, 101 on home");
  visits.dec();
  expect.equal(visits.peek(), 101);
}
