// The construct node API beyond `path` and `id`: display properties set
// and read preflight (a resource starts with the title and description
// Wing's SDK gives it), `addDependency` (accepted; the simulator sets every
// resource up before code runs), and the node's `app`. Resources and
// preflight objects are `std.IResource`s. Checked against Wing 0.85.49
// (passes there, logging that its simulator finds no resource for the
// dependency on the preflight object `Store`).
bring cloud;

class Store {
  pub bucket: cloud.Bucket;
  new() {
    this.bucket = new cloud.Bucket();
    nodeof(this).title = "Store";
    nodeof(this.bucket).hidden = true;
  }
}

let store = new Store();
let worker = new cloud.Function(inflight () => {}) as "worker";
nodeof(worker).addDependency(store, store.bucket);
nodeof(worker).description = "Does the work";
nodeof(worker).color = "blue";
nodeof(worker).icon = "bolt";

let resource: std.IResource = worker;
let resourceId = nodeof(resource).id;
let title = nodeof(store).title ?? "none";
let hidden = nodeof(store.bucket).hidden ?? false;
let defaultTitle = nodeof(worker).title ?? "none";
let untitled = nodeof(store.bucket).description ?? "none";
let q = new cloud.Queue();
let consumer = q.setConsumer(inflight (m: str) => {});
let consumerTitle = nodeof(consumer).title ?? "none";
let storeTitle = nodeof(new Store() as "other").title ?? "none";
let description = nodeof(worker).description ?? "";
let look = "{nodeof(worker).color ?? ""}/{nodeof(worker).icon ?? ""}";
let isTest = nodeof(store).app.isTestEnvironment;
let entry = nodeof(worker).app.entrypointDir;
let dir = @dirname;

test "node properties" {
  assert(title == "Store");
  assert(hidden);
  assert(defaultTitle == "Function");
  assert(untitled == "A cloud object store");
  assert(consumerTitle == "Consumer");
  assert(storeTitle == "Store");
  assert(description == "Does the work");
  assert(look == "blue/bolt");
  assert(resourceId == "worker");
}

test "the app" {
  assert(isTest);
  assert(entry == dir);
}

let app: std.IApp = @app;
let sameDir = app.entrypointDir == nodeof(store).app.entrypointDir;

test "@app is the node's app" {
  assert(sameDir);
}
