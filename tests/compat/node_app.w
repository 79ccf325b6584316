// The app of the construct tree.
class Probe {
  pub isTest: bool;
  pub dir: str;
  new() {
    let app = nodeof(this).app;
    this.isTest = app.isTestEnvironment;
    this.dir = app.entrypointDir;
  }
}

let probe = new Probe();
let workdir = nodeof(probe).app.workdir;

test "app facts" {
  assert(probe.isTest);
  assert(probe.dir.length > 0);
  assert(workdir.length > 0);
}
