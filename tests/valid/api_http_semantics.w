// A profile service whose Api behaves as Wing's simulator (an express app)
// does, seen through a real HTTP client: case-insensitive paths, decoded
// parameters and the raw path, repeated query names, HEAD and OPTIONS,
// default content types, CORS headers and preflights, and redirects as
// `fetch` follows them. Wing 0.85.49 passes it.
bring cloud;
bring expect;
bring http;

let profiles = new cloud.Api() as "profiles";
profiles.get("/users/:id", inflight (req) => {
  return { body: Json.stringify({ id: req.vars.get("id"), path: req.path }) };
});
profiles.get("/search", inflight (req) => {
  return { body: req.query.tryGet("tag") ?? "none" };
});
profiles.get("/card/:id", inflight (req) => {
  return { headers: { "content-type" => "application/json" }, body: Json.stringify({ id: req.vars.get("id") }) };
});
profiles.get("/old/:id", inflight (req) => {
  return { status: 302, headers: { "location" => "/users/{req.vars.get("id")}" } };
});
profiles.get("/gone", inflight (req) => {
  return { status: 301, body: "moved" };
});

let site = new cloud.Api(cors: true) as "public";
site.get("/hello", inflight (req) => {
  return { body: "hi" };
});
site.options("/hello", inflight (req) => {
  return { status: 200, body: "never runs" };
});

test "routing" {
  let upper = http.get("{profiles.url}/USERS/7");
  expect.equal(upper.status, 200);
  expect.equal(Json.parse(upper.body).get("id").asStr(), "7");
  let slash = Json.parse(http.get("{profiles.url}/users/a%2Fb").body);
  expect.equal(slash.get("id").asStr(), "a/b");
  let spaced = Json.parse(http.get("{profiles.url}/users/a%20b").body);
  expect.equal(spaced.get("id").asStr(), "a b");
  expect.equal(spaced.get("path").asStr(), "/users/a%20b");
  expect.equal(http.get("{profiles.url}/search?tag=a&tag=b").body, "a,b");
  expect.equal(http.post("{profiles.url}/users/7").status, 404);
}

test "HEAD and OPTIONS" {
  let head = http.fetch("{profiles.url}/users/7", method: http.HttpMethod.HEAD);
  expect.equal(head.status, 200);
  expect.equal(head.body, "");
  let options = http.fetch("{profiles.url}/users/7", method: http.HttpMethod.OPTIONS);
  expect.equal(options.status, 200);
  expect.equal(options.headers.get("allow"), "GET,HEAD");
}

test "content types" {
  expect.equal(http.get("{profiles.url}/search").headers.get("content-type"), "text/html; charset=utf-8");
  expect.equal(http.get("{profiles.url}/card/1").headers.get("content-type"), "application/json; charset=utf-8");
}

test "CORS" {
  let hello = http.get("{site.url}/hello");
  expect.equal(hello.headers.get("access-control-allow-origin"), "*");
  expect.equal(hello.headers.get("access-control-allow-credentials"), "false");
  expect.equal(hello.headers.get("access-control-expose-headers"), "");
  expect.equal(hello.headers.tryGet("access-control-allow-methods"), nil);
  let check = http.fetch("{site.url}/hello", method: http.HttpMethod.OPTIONS);
  expect.equal(check.status, 204);
  expect.equal(check.body, "");
}

test "redirects" {
  let moved = http.get("{profiles.url}/old/9");
  expect.equal(Json.parse(moved.body).get("id").asStr(), "9");
  expect.equal(moved.url, "{profiles.url}/users/9");
  let manual = http.get("{profiles.url}/old/9", redirect: http.RequestRedirect.MANUAL);
  expect.equal(manual.status, 302);
  let var refused = false;
  try {
    http.get("{profiles.url}/old/9", redirect: http.RequestRedirect.ERROR);
  } catch {
    refused = true;
  }
  expect.equal(refused, true);
  let gone = http.get("{profiles.url}/gone");
  expect.equal(gone.status, 301);
  expect.equal(gone.body, "moved");
}
