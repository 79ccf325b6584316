// Applying a settings patch to a mutable Json document: MutJson literals,
// set/setAt, the MutJson.delete member and the static Json.delete, and
// Json.deepCopy / Json.deepCopyMut to keep snapshots independent.
bring expect;

test "set and setAt edit in place" {
  let doc = MutJson { name: "svc", replicas: 1, ports: [80, 443] };
  doc.set("replicas", 3);
  doc.get("ports").setAt(0, 8080);
  doc.set("labels", { team: "core" });
  expect.equal(doc.get("replicas").asNum(), 3);
  expect.equal(doc.get("ports").getAt(0).asNum(), 8080);
  expect.equal(doc.get("labels").get("team").asStr(), "core");
  expect.equal(Json.stringify(doc), "\{\"name\":\"svc\",\"replicas\":3,\"ports\":[8080,443],\"labels\":\{\"team\":\"core\"}}");
}

test "deleting keys" {
  let doc = MutJson { a: 1, b: 2, c: 3 };
  Json.delete(doc, "a");
  expect.equal(Json.keys(doc).length, 2);
  assert(doc.delete("b"));
  assert(!doc.has("b"));
  expect.equal(Json.stringify(doc), "\{\"c\":3}");
}

test "deep copies are independent snapshots" {
  let live = MutJson { version: 1, tags: ["a"] };
  let snapshot = Json.deepCopy(live);
  live.set("version", 2);
  live.get("tags").setAt(1, "b");
  expect.equal(snapshot.get("version").asNum(), 1);
  expect.equal(Json.stringify(snapshot.get("tags")), "[\"a\"]");
  expect.equal(Json.stringify(live.get("tags")), "[\"a\",\"b\"]");

  let frozen = Json { limits: { cpu: 2 } };
  let editable = Json.deepCopyMut(frozen);
  editable.get("limits").set("cpu", 4);
  expect.equal(frozen.get("limits").get("cpu").asNum(), 2);
  expect.equal(editable.get("limits").get("cpu").asNum(), 4);
}
