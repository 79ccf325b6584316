// Building a nested Json report step by step with MutJson: creating
// objects and arrays, appending with setAt at the end, counting with
// get/set, snapshotting with Json.deepCopy and printing it.
bring expect;

inflight class ReportBuilder {
  doc: MutJson;
  new(title: str) {
    this.doc = MutJson { title: title, sections: [], stats: { sections: 0, lines: 0 } };
  }
  pub section(name: str, lines: Array<str>): ReportBuilder {
    let sections = this.doc.get("sections");
    let idx = this.doc.get("stats").get("sections").asNum();
    sections.setAt(idx, { name: name, lines: [] });
    let body = sections.getAt(idx).get("lines");
    for i in 0..lines.length {
      body.setAt(i, lines.at(i));
    }
    let stats = this.doc.get("stats");
    stats.set("sections", idx + 1);
    stats.set("lines", stats.get("lines").asNum() + lines.length);
    return this;
  }
  pub build(): Json {
    return Json.deepCopy(this.doc);
  }
}

test "a two-section report" {
  let b = new ReportBuilder("Weekly");
  b.section("wins", ["shipped v2", "fixed login"]).section("risks", ["on-call gap"]);
  let report = b.build();
  expect.equal(report.get("stats").get("sections").asNum(), 2);
  expect.equal(report.get("stats").get("lines").asNum(), 3);
  expect.equal(report.get("sections").getAt(1).get("name").asStr(), "risks");
  expect.equal(Json.stringify(report.get("sections").getAt(0).get("lines")), "[\"shipped v2\",\"fixed login\"]");
}

test "snapshots do not change when building continues" {
  let b = new ReportBuilder("Daily");
  b.section("a", ["1"]);
  let first = b.build();
  b.section("b", ["2", "3"]);
  let second = b.build();
  expect.equal(first.get("stats").get("lines").asNum(), 1);
  expect.equal(second.get("stats").get("lines").asNum(), 3);
  expect.equal(Json.stringify(first), "\{\"title\":\"Daily\",\"sections\":[\{\"name\":\"a\",\"lines\":[\"1\"]}],\"stats\":\{\"sections\":1,\"lines\":1}}");
}
