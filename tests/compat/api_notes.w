// A small REST API over a bucket, called with `http`.
bring cloud;
bring http;

let notes = new cloud.Bucket();
let api = new cloud.Api();

api.post("/notes/:id", inflight (req) => {
  let id = req.vars.get("id");
  notes.put(id, req.body ?? "");
  return { status: 201, body: id };
});

api.get("/notes/:id", inflight (req) => {
  let id = req.vars.get("id");
  if let text = notes.tryGet(id) {
    return { status: 200, body: text };
  }
  return { status: 404, body: "no note {id}" };
});

test "post then get a note" {
  let created = http.post("{api.url}/notes/n1", body: "buy milk");
  assert(created.status == 201);
  let got = http.get("{api.url}/notes/n1");
  assert(got.status == 200);
  assert(got.body == "buy milk");
  let missing = http.get("{api.url}/notes/n2");
  assert(missing.status == 404);
  assert(missing.body == "no note n2");
}
