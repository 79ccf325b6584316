// `std.IInflightHost` names what hosts inflight code: functions.
bring cloud;

let fn = new cloud.Function(inflight () => {});
let host: std.IInflightHost = fn;
let hostPath = nodeof(host).path;

test "inflight host" {
  assert(hostPath == "root/Default/Function");
}
