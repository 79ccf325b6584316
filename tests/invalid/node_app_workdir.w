// `nodeof(x).app.workdir` (Wing's directory for the app's build files) is
// not supported by this version of wingc yet: a located E0900. Wing
// 0.85.49 accepts this program.
class Probe {}

let probe = new Probe();
let dir = nodeof(probe).app.workdir;

test "workdir" {
  assert(dir.length > 0);
}
