// A URL shortener served over HTTP: POST /links stores a link under a
// short code in a table, GET /links/:code answers with a redirect. The
// tests call the Api through a real HTTP client.
bring cloud;
bring ex;
bring http;
bring util;
bring expect;

let links = new ex.Table(primaryKey: "code") as "links";
let api = new cloud.Api(cors: true) as "links-api";

api.post("/links", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  let body = Json.parse(req.body ?? "\{}");
  if let url = body.tryGet("url") {
    let target = url.asStr();
    let code = util.nanoid(size: 8);
    links.insert(code, Json { url: target });
    return { status: 201, body: Json.stringify(Json { code: code }), headers: { "content-type" => "application/json" } };
  }
  return { status: 400, body: "a link needs a url" };
});

api.get("/links/:code", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  let code = req.vars.get("code");
  if let row = links.tryGet(code) {
    return { status: 302, headers: { "location" => row.get("url").asStr() } };
  }
  return { status: 404, body: "no link {code}" };
});

test "a posted link redirects" {
  let created = http.post("{api.url}/links", body: Json.stringify(Json { url: "https://example.com/wing" }));
  expect.equal(created.status, 201);
  expect.equal(created.headers.get("content-type"), "application/json; charset=utf-8");
  let code = Json.parse(created.body).get("code").asStr();
  expect.equal(code.length, 8);
  let found = http.get("{api.url}/links/{code}", redirect: http.RequestRedirect.MANUAL);
  expect.equal(found.status, 302);
  expect.equal(found.headers.get("location"), "https://example.com/wing");
  expect.equal(links.list().length, 1);
}

test "a link without a url is refused and unknown codes are 404" {
  let bad = http.post("{api.url}/links", body: "\{}");
  expect.equal(bad.status, 400);
  expect.equal(bad.body, "a link needs a url");
  let missing = http.get("{api.url}/links/nope");
  expect.equal(missing.status, 404);
  expect.equal(missing.ok, false);
  expect.equal(http.get("{api.url}/other").status, 404);
}

test "cors headers and preflight requests" {
  let options = http.fetch("{api.url}/links", method: http.HttpMethod.OPTIONS);
  expect.equal(options.status, 204);
  expect.equal(options.headers.get("access-control-allow-origin"), "*");
  expect.equal(options.headers.get("access-control-allow-credentials"), "false");
  expect.equal(http.delete("{api.url}/links/x").status, 404);
}
