// A catalogue seeded when the app deploys, and a background indexer
// service that records its start and stop.
bring cloud;
bring ex;
bring util;
bring expect;

let products = new ex.Table(name: "products") as "products";
products.addRow("p0", Json { name: "seed", price: 0 });
let lifecycle = new cloud.Counter() as "lifecycle";

new cloud.OnDeploy(inflight () => {
  products.upsert("p1", Json { name: "lamp", price: 30 });
  products.upsert("p2", Json { name: "desk", price: 120 });
}) as "seed";

let indexer = new cloud.Service(inflight () => {
  lifecycle.inc(1, "start");
  return inflight () => {
    lifecycle.inc(1, "stop");
  };
}) as "indexer";

let manual = new cloud.Service(inflight () => {
  lifecycle.inc(1, "manual");
  return nil;
}, autoStart: false) as "manual";

test "the table is seeded on deploy" {
  expect.equal(products.list().length, 3);
  expect.equal(products.get("p2").get("price").asNum(), 120);
  expect.equal(products.get("p1").get("id").asStr(), "p1");
}

test "services start with the app and can be stopped and restarted" {
  expect.ok(indexer.started());
  expect.equal(lifecycle.peek("start"), 1);
  indexer.stop();
  expect.equal(indexer.started(), false);
  expect.equal(lifecycle.peek("stop"), 1);
  indexer.start();
  expect.equal(lifecycle.peek("start"), 2);
}

test "a service without autoStart waits to be started" {
  expect.equal(manual.started(), false);
  manual.start();
  expect.ok(manual.started());
  expect.equal(lifecycle.peek("manual"), 1);
}

test "table rows are inserted, updated and listed" {
  products.insert("p3", Json { name: "chair", price: 45 });
  products.update("p3", Json { name: "chair", price: 40 });
  expect.equal(products.get("p3").get("price").asNum(), 40);
  products.delete("p0");
  expect.nil(products.tryGet("p0"));
}

test "table rules are errors the caller can catch" {
  try {
    products.insert("p1", Json { name: "again" });
    expect.fail("inserting an existing key should fail");
  } catch e {
    expect.equal(e, "Row already exists (key=p1) in table products");
  }
  try {
    products.update("p9", Json { name: "ghost" });
    expect.fail("updating a missing key should fail");
  } catch e {
    expect.equal(e, "Row does not exist (key=p9) in table products");
  }
}
