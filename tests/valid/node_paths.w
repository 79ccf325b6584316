// `nodeof(x)` gives a resource's construct node: its id and its path in the
// tree. Resources created `in this` are children of the class instance.
// Checked against Wing 0.85.49 (passes there).
bring cloud;
bring expect;

class Archive {
  pub store: cloud.Bucket;
  new() {
    this.store = new cloud.Bucket() as "inner" in this;
  }
}

let archive = new Archive() as "archive";
let archivePath = nodeof(archive).path;
let storeId = nodeof(archive.store).id;
let storePath = nodeof(archive.store).path;

test "node ids and paths" {
  expect.equal(archivePath, "root/Default/archive");
  expect.equal(storeId, "inner");
  expect.equal(storePath, "root/Default/archive/inner");
}
