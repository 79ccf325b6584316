// Diffing two versions of a Json config: key sets from Json.keys, values
// compared through Json.stringify, and a report of added, removed and
// changed keys; the new values are listed with Json.entries.
bring expect;

let before = Json { replicas: 2, image: "api:1.0", debug: false, region: "eu" };
let after = Json { replicas: 3, image: "api:1.0", region: "eu", owner: "team-a" };

struct Diff {
  added: Array<str>;
  removed: Array<str>;
  changed: Array<str>;
}

inflight class Differ {
  pub static diff(a: Json, b: Json): Diff {
    let added = MutArray<str>[];
    let removed = MutArray<str>[];
    let changed = MutArray<str>[];
    for k in Json.keys(a) {
      if !b.has(k) {
        removed.push(k);
      } else if Json.stringify(a.get(k)) != Json.stringify(b.get(k)) {
        changed.push(k);
      }
    }
    for k in Json.keys(b) {
      if !a.has(k) {
        added.push(k);
      }
    }
    return Diff { added: added.copy(), removed: removed.copy(), changed: changed.copy() };
  }
  pub static describe(b: Json, keys: Array<str>): str {
    let parts = MutArray<str>[];
    for e in Json.entries(b) {
      if keys.contains(e.key) {
        parts.push("{e.key}={Json.stringify(e.value)}");
      }
    }
    return parts.join(", ");
  }
}

test "added, removed and changed keys" {
  let d = Differ.diff(before, after);
  expect.equal(d.added.join(","), "owner");
  expect.equal(d.removed.join(","), "debug");
  expect.equal(d.changed.join(","), "replicas");
  expect.equal(Differ.describe(after, d.added.concat(d.changed)), "replicas=3, owner=\"team-a\"");
}

test "identical documents have no diff" {
  let d = Differ.diff(after, Json.parse(Json.stringify(after)));
  expect.equal(d.added.length + d.removed.length + d.changed.length, 0);
}
