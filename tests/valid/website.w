// A status page: a folder served as a website, plus a config file written
// preflight that points the page at its Api.
bring cloud;
bring http;
bring expect;

let api = new cloud.Api() as "status-api";
api.get("/status", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  return { body: "ok" };
});

let site = new cloud.Website(path: "./public") as "status-site";
let configUrl = site.addJson("config.json", Json { api: api.url });

test "the folder is served" {
  let page = http.get(site.url);
  expect.equal(page.status, 200);
  expect.match(page.body, "All systems go");
  expect.match(page.headers.get("content-type"), "text/html");
  expect.equal(http.get("{site.url}/missing.html").status, 404);
}

test "the config points at the live api" {
  let config = Json.parse(http.get(configUrl).body);
  let status = http.get("{config.get("api").asStr()}/status");
  expect.equal(status.body, "ok");
}
