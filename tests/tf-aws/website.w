// A static site from a folder, with a generated config file.
bring cloud;

let api = new cloud.Api() as "backend";
let site = new cloud.Website(path: "./site", errorDocument: "404.html") as "site";
site.addJson("config.json", { api: api.url });
api.get("/hello", inflight () => {
  return { status: 200, body: "hello from {site.url}" };
});
