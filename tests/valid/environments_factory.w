// Preflight higher-order code that shapes the app: a list of environments
// is mapped through closures into per-environment settings and resources
// (a class instance per environment, each owning its own bucket), and a
// filter closure decides which environments get a cache.
bring cloud;
bring expect;

struct EnvSpec {
  name: str;
  replicas: num;
  public: bool;
}

class Environment {
  pub spec: EnvSpec;
  pub cacheEnabled: bool;
  assets: cloud.Bucket;
  new(spec: EnvSpec, cacheEnabled: bool) {
    this.spec = spec;
    this.cacheEnabled = cacheEnabled;
    this.assets = new cloud.Bucket() as "assets";
  }
  pub inflight publish(file: str): str {
    this.assets.put(file, "v1");
    return "{this.spec.name}:{file}";
  }
}

let mapSpecs = (names: Array<str>, f: (str, num): EnvSpec): Array<EnvSpec> => {
  let out = MutArray<EnvSpec>[];
  for i in 0..names.length {
    out.push(f(names.at(i), i));
  }
  return out.copy();
};

let specs = mapSpecs(["dev", "staging", "prod"], (name: str, i: num): EnvSpec => {
  return EnvSpec { name: name, replicas: 2 ** i, public: name == "prod" };
});

let wantsCache = (s: EnvSpec): bool => {
  return s.replicas > 1;
};

let envs = MutMap<Environment>{};
for s in specs {
  envs.set(s.name, new Environment(s, wantsCache(s)) as "env-{s.name}");
}
let prod = envs.get("prod");
let dev = envs.get("dev");
let summary = MutArray<str>[];
for name in envs.keys() {
  let e = envs.get(name);
  let var line = "{name}x{e.spec.replicas}";
  if e.cacheEnabled {
    line += "+cache";
  }
  if e.spec.public {
    line += "+public";
  }
  summary.push(line);
}
let described = summary.join(" ");

test "environments shaped by preflight closures" {
  expect.equal(described, "devx1 stagingx2+cache prodx4+cache+public");
  expect.equal(prod.spec.replicas, 4);
  assert(!dev.cacheEnabled);
}

test "each environment has its own bucket" {
  expect.equal(prod.publish("app.js"), "prod:app.js");
  expect.equal(dev.publish("app.js"), "dev:app.js");
}
