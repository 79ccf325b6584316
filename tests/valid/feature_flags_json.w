// Feature flags from a Json config: nested objects, iterating flags with
// Json.keys, optional per-flag settings read with tryGet/tryAs and `??`,
// and percentage rollouts bucketed by a deterministic user hash.
bring expect;

let config = Json {
  flags: {
    darkMode: { enabled: true },
    newCheckout: { enabled: true, rollout: 50 },
    betaSearch: { enabled: false, rollout: 100 },
    legacyApi: { enabled: true, allow: ["ops", "qa"] }
  }
};

inflight class Flags {
  flags: Json;
  new(config: Json) {
    this.flags = config.get("flags");
  }
  static bucket(user: str): num {
    let alphabet = "abcdefghijklmnopqrstuvwxyz";
    let var h = 0;
    for i in 0..user.length {
      h = (h * 31 + alphabet.indexOf(user.at(i)) + 1) % 100;
    }
    return h;
  }
  pub isOn(flag: str, user: str): bool {
    let f = this.flags.tryGet(flag);
    if f == nil {
      return false;
    }
    let spec = f!;
    if !(spec.get("enabled").tryAsBool() ?? false) {
      return false;
    }
    if let allow = spec.tryGet("allow") {
      for i in 0..100 {
        if let who = allow.tryGetAt(i) {
          if who.asStr() == user {
            return true;
          }
        } else {
          break;
        }
      }
      return false;
    }
    let rollout = spec.tryGet("rollout")?.tryAsNum() ?? 100;
    return Flags.bucket(user) < rollout;
  }
  pub enabledFor(user: str): Array<str> {
    let out = MutArray<str>[];
    for name in Json.keys(this.flags) {
      if this.isOn(name, user) {
        out.push(name);
      }
    }
    return out.copy();
  }
}

test "flag evaluation" {
  let f = new Flags(config);
  assert(f.isOn("darkMode", "anyone"));
  assert(!f.isOn("betaSearch", "anyone"));
  assert(!f.isOn("missing", "anyone"));
  assert(f.isOn("legacyApi", "qa"));
  assert(!f.isOn("legacyApi", "dev"));
}

test "rollouts are deterministic" {
  let f = new Flags(config);
  let first = f.isOn("newCheckout", "ada");
  for i in 0..3 {
    expect.equal(f.isOn("newCheckout", "ada"), first);
  }
  expect.equal(f.enabledFor("qa").contains("legacyApi"), true);
  expect.equal(f.enabledFor("dev").contains("darkMode"), true);
}
