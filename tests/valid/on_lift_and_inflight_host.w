// `std.IInflightHost` names a resource that runs inflight code (a
// `cloud.Function`), and every resource has `onLift(host, ops)`, so a
// class can write Wing's lift hook. wingc computes what each host may do
// from the code it reaches, so `onLift` grants nothing more and a class's
// own `onLift` is an ordinary method. Checked against Wing 0.85.49
// (passes there).
bring cloud;

class Store {
  b: cloud.Bucket;
  new() {
    this.b = new cloud.Bucket();
  }
  pub onLift(host: std.IInflightHost, ops: Array<str>) {
    if ops.contains("save") {
      this.b.onLift(host, ["put"]);
    }
  }
  pub inflight save(k: str, v: str) {
    this.b.put(k, v);
  }
  pub inflight load(k: str): str {
    return this.b.get(k);
  }
}

let store = new Store();
let fn = new cloud.Function(inflight () => {
  store.save("k", "from function");
}) as "saver";
let host: std.IInflightHost = fn;
let hostPath = nodeof(host).path;
store.onLift(fn, ["save"]);

test "hosts and onLift" {
  fn.invoke();
  assert(store.load("k") == "from function");
  assert(hostPath == "root/Default/saver");
}
