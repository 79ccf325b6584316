// Preflight values (strings, numbers, arrays, maps) are lifted into inflight code.
bring cloud;
bring expect;

let region = "eu-west-1";
let retries = 3;
let stages = ["dev", "staging", "prod"];
let limits = { "dev" => 10, "prod" => 1000 };
let prefix = "app-{region}";
let store = new cloud.Bucket() as "config";

test "lifted values arrive inflight" {
  expect.equal(prefix, "app-eu-west-1");
  expect.equal(retries * 2, 6);
  expect.equal(stages.length, 3);
  expect.equal(stages.at(2), "prod");
  expect.equal(limits.get("prod"), 1000);
  assert(limits.has("dev"));
  assert(!limits.has("staging"));
}

test "lifted values combine with resources" {
  for stage in stages {
    store.put("{prefix}/{stage}.json", "{retries}");
  }
  expect.equal(store.list("app-eu-west-1/").length, 3);
  expect.equal(store.get("app-eu-west-1/prod.json"), "3");
}
