// The construct node API: dependencies and display metadata.
bring cloud;

let db = new cloud.Bucket() as "db";
let worker = new cloud.Function(inflight () => {}) as "worker";
nodeof(worker).addDependency(db);
nodeof(db).title = "Database";
nodeof(db).description = "Stores things";
nodeof(worker).hidden = false;
nodeof(worker).color = "blue";
nodeof(worker).icon = "bolt";

let title = nodeof(db).title;
let desc = nodeof(db).description;

test "node metadata" {
  assert(title == "Database");
  assert(desc == "Stores things");
}
