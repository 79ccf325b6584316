// An INI-style config parser: splitting lines, trimming, skipping comments,
// sections in nested maps (`Map<Map<str>>`), and typed getters with
// defaults.
bring expect;

let text = "# service config\n[server]\nhost = example.com\nport = 8080\n\n[features]\n; beta flags\nsearch = on\nexport=off\n";

inflight class Ini {
  sections: MutMap<MutMap<str>>;
  new(source: str) {
    this.sections = MutMap<MutMap<str>>{};
    let var current = "default";
    for raw in source.split("\n") {
      let line = raw.trim();
      if line == "" || line.startsWith("#") || line.startsWith(";") {
        continue;
      }
      if line.startsWith("[") && line.endsWith("]") {
        current = line.substring(1, line.length - 1);
        continue;
      }
      let eq = line.indexOf("=");
      if eq < 0 {
        throw "bad line: {line}";
      }
      if !this.sections.has(current) {
        this.sections.set(current, MutMap<str>{});
      }
      this.sections.get(current).set(line.substring(0, eq).trim(), line.substring(eq + 1).trim());
    }
  }
  pub get(section: str, key: str): str? {
    return this.sections.tryGet(section)?.tryGet(key);
  }
  pub getNum(section: str, key: str, fallback: num): num {
    if let v = this.get(section, key) {
      return num.fromStr(v);
    }
    return fallback;
  }
  pub flag(section: str, key: str): bool {
    return (this.get(section, key) ?? "off") == "on";
  }
  pub sectionNames(): Array<str> {
    return this.sections.keys();
  }
}

test "sections and keys" {
  let ini = new Ini(text);
  expect.equal(ini.sectionNames().join(","), "server,features");
  expect.equal(ini.get("server", "host") ?? "", "example.com");
  expect.equal(ini.getNum("server", "port", 80), 8080);
  expect.equal(ini.getNum("server", "timeout", 30), 30);
  assert(ini.flag("features", "search"));
  assert(!ini.flag("features", "export"));
  assert(ini.get("nope", "x") == nil);
}

test "malformed lines are rejected" {
  let var err = "";
  try {
    new Ini("[a]\njust text");
  } catch e {
    err = e;
  }
  expect.equal(err, "bad line: just text");
}
