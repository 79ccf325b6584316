// A multi-tenant app where each tenant object creates its own resources
// in its own scope (`new cloud.Bucket() as "files" in this`), so two
// tenants never share storage; `@target` tells which platform we build for.
bring cloud;
bring expect;

class Tenant {
  pub name: str;
  files: cloud.Bucket;
  uploads: cloud.Counter;
  new(name: str) {
    this.name = name;
    this.files = new cloud.Bucket() as "files" in this;
    this.uploads = new cloud.Counter() as "uploads" in this;
  }
  pub inflight upload(path: str, body: str): num {
    this.files.put(path, body);
    return this.uploads.inc() + 1;
  }
  pub inflight has(path: str): bool {
    return this.files.exists(path);
  }
}

let acme = new Tenant("acme") as "acme";
let globex = new Tenant("globex") as "globex";
let target = @target;

test "tenants have separate resources" {
  expect.equal(acme.upload("a.txt", "A"), 1);
  expect.equal(acme.upload("b.txt", "B"), 2);
  expect.equal(globex.upload("a.txt", "G"), 1);
  assert(acme.has("b.txt"));
  assert(!globex.has("b.txt"));
  expect.equal(target, "sim");
}
