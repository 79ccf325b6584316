// A catalog service seeded at deployment: a price list file added to a
// bucket preflight (`addFile`), read back whole and by byte range; two
// deployment steps ordered with `executeAfter`; a service and a function
// configured through `addEnvironment` and an `env` written as `{ KEY: … }`.
// Wing 0.85.49 passes it.
bring cloud;
bring expect;
bring util;

let catalog = new cloud.Bucket(cors: true, forceDestroy: true) as "catalog";
catalog.addFile("prices.csv", "data/prices.csv");
catalog.addCorsRule({ allowedOrigins: ["https://shop.example.com"], allowedMethods: [cloud.HttpMethod.GET] });

let steps = new cloud.Counter() as "steps";
let migrate = new cloud.OnDeploy(inflight () => {
  catalog.put("migrated", "{steps.inc(1, "order")}");
}) as "migrate";
new cloud.OnDeploy(inflight () => {
  catalog.put("warmed", "{steps.inc(1, "order")}");
}, executeAfter: [migrate]) as "warm";

let indexer = new cloud.Service(inflight () => {
  catalog.put("indexer-mode", util.env("INDEX_MODE"));
}, autoStart: false) as "indexer";
indexer.addEnvironment("INDEX_MODE", "full");

let currency = new cloud.Function(inflight () => {
  return util.env("CURRENCY");
}, env: { CURRENCY: "EUR" }, logRetentionDays: 7) as "currency";

test "the seeded price list" {
  expect.equal(catalog.get("prices.csv"), "sku,price\nA-1,12.5\nB-2,3\n");
  expect.equal(catalog.get("prices.csv", startByte: 0, endByte: 8), "sku,price");
  expect.equal(catalog.tryGet("prices.csv", startByte: 10), "A-1,12.5\nB-2,3\n");
  expect.equal(catalog.tryGet("missing.csv", startByte: 1), nil);
}

test "deployment steps run in order" {
  expect.equal(catalog.get("migrated"), "0");
  expect.equal(catalog.get("warmed"), "1");
}

test "environment given to a service and a function" {
  indexer.start();
  util.waitUntil(inflight () => {
    return catalog.exists("indexer-mode");
  });
  expect.equal(catalog.get("indexer-mode"), "full");
  expect.equal(currency.invoke(), "EUR");
}
