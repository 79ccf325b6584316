// Inflight code has no access to the host's files: `fs` reads and writes
// preflight only (Wing's simulator lets inflight code read them; wingc
// does not, so a function cannot reach past its granted resources). Path
// functions run in both phases.
bring cloud;
bring fs;

let reports = new cloud.Bucket();

new cloud.Function(inflight () => {
  let key = fs.join("daily", "summary.csv");
  reports.put(key, fs.readFile("/var/log/app.log"));
  fs.writeFile("/tmp/done", "yes");
});
