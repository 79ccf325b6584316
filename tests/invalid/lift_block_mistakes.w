// A `lift` block is inflight code, names preflight objects, and grants
// methods they have.
bring cloud;

let uploads = new cloud.Bucket();
let name = "uploads";

lift { uploads: [put] } {
  log("preflight");
}

new cloud.Function(inflight () => {
  lift { uploads: [putt], name: [length] } {
    log("inflight");
  }
});
