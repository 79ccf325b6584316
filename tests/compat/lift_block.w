// A `lift` block grants a closure explicit operations on a resource it
// reaches through a variable the compiler cannot follow.
bring cloud;

let main = new cloud.Bucket() as "main";
let backup = new cloud.Bucket() as "backup";

let fn = new cloud.Function(inflight (event) => {
  let useBackup = event?.tryAsStr() == "backup";
  lift { main: [put, get], backup: [put, get] } {
    let var b = main;
    if useBackup {
      b = backup;
    }
    b.put("k", "v");
    return b.get("k");
  }
});

test "lift block" {
  assert(fn.invoke("backup") == "v");
  assert(backup.get("k") == "v");
  assert(!main.exists("k"));
}
