// HTTP verbs against an API with a path parameter.
bring cloud;
bring http;

let api = new cloud.Api();
let items = new cloud.Bucket();

api.put("/items/:name", inflight (req) => {
  items.put(req.vars.get("name"), req.body ?? "");
  return { status: 204 };
});
api.delete("/items/:name", inflight (req) => {
  items.delete(req.vars.get("name"));
  return { status: 200, body: "deleted" };
});

test "put and delete" {
  let put = http.put("{api.url}/items/pen", body: "blue");
  assert(put.status == 204);
  assert(items.get("pen") == "blue");
  let del = http.delete("{api.url}/items/pen");
  assert(del.body == "deleted");
  assert(!items.exists("pen"));
  let res = http.fetch("{api.url}/items/x", method: http.HttpMethod.PUT, body: "1");
  assert(res.status == 204);
}
