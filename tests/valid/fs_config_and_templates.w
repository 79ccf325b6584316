// An upload service configured from files next to its source: limits
// from a JSON file and message templates from a directory, read preflight
// with `fs`; inflight code shapes object keys with the path functions.
bring cloud;
bring fs;

let dataDir = fs.join(@dirname, "data");
let limits = fs.readJson(fs.join(dataDir, "limits.json"));
let maxBytes = limits.get("maxUploadBytes").asNum();
let allowed = limits.get("allowedTypes");

let templates = new cloud.Bucket() as "templates";
for name in fs.readdir(fs.join(dataDir, "templates")) {
  templates.addObject(name, fs.readFile(fs.join(dataDir, "templates", name)));
}

// A file written and read back preflight, then removed.
let scratch = fs.mkdtemp("upload-build-");
fs.writeJson(fs.join(scratch, "manifest.json"), { templates: fs.readdir(fs.join(dataDir, "templates")) });
fs.appendFile(fs.join(scratch, "log.txt"), "built\n");
let manifest = fs.readJson(fs.join(scratch, "manifest.json"));
let buildLog = fs.readFile(fs.join(scratch, "log.txt"));
fs.remove(scratch);
let scratchGone = !fs.exists(scratch);
let missing = fs.tryReadFile(fs.join(dataDir, "no-such-file.txt"));

let uploads = new cloud.Bucket() as "uploads";

let accept = inflight (fileName: str, body: str): str => {
  let ext = fs.extension(fileName) ?? "";
  let var ok = false;
  for t in Json.values(allowed) {
    if t.asStr() == ext {
      ok = true;
    }
  }
  if !ok {
    throw "type {ext} not accepted";
  }
  if body.length > maxBytes {
    throw "too large";
  }
  let key = fs.join("incoming", ext, fs.basename(fileName));
  uploads.put(key, body);
  return key;
};

test "limits and templates come from the files" {
  assert(maxBytes == 2048);
  assert(templates.get("ready.txt").contains("your report is ready"));
  assert(templates.list().length == 2);
}

test "preflight files round trip" {
  assert(manifest.get("templates").getAt(0).asStr() == "failed.txt");
  assert(buildLog == "built\n");
  assert(scratchGone);
  assert(missing == nil);
}

test "uploads are filed by type" {
  assert(accept("reports/../q3/sales.csv", "a,b") == "incoming/csv/sales.csv");
  assert(uploads.exists("incoming/csv/sales.csv"));
  let var error = "";
  try {
    accept("notes.txt", "x");
  } catch e {
    error = e;
  }
  assert(error == "type txt not accepted");
  assert(fs.dirname("/a/b/c.json") == "/a/b");
}
