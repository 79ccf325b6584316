// An audit log stored in a bucket: each entry is a Json document keyed by
// actor and timestamp; a class wraps the bucket and its inflight methods
// are used from tests (lifting through a user class).
bring cloud;
bring expect;

struct AuditEntry {
  actor: str;
  action: str;
  at: str;
}

class AuditLog {
  bucket: cloud.Bucket;
  new() {
    this.bucket = new cloud.Bucket();
  }
  pub inflight record(actor: str, action: str, at: datetime): str {
    let key = "{actor}/{at.timestampMs}";
    let entry = AuditEntry { actor: actor, action: action, at: at.toIso() };
    this.bucket.put(key, Json.stringify(entry));
    return key;
  }
  pub inflight byActor(actor: str): Array<AuditEntry> {
    let out = MutArray<AuditEntry>[];
    for key in this.bucket.list("{actor}/") {
      out.push(AuditEntry.parseJson(this.bucket.get(key)));
    }
    return out.copy();
  }
  pub inflight purge(actor: str): num {
    let keys = this.bucket.list("{actor}/");
    for key in keys {
      this.bucket.delete(key);
    }
    return keys.length;
  }
}

let audit = new AuditLog();

test "entries are recorded and read back" {
  let t0 = datetime.fromIso("2024-01-01T00:00:00.000Z");
  let t1 = datetime.fromIso("2024-01-01T00:00:05.000Z");
  audit.record("ada", "login", t0);
  audit.record("ada", "delete-repo", t1);
  audit.record("bob", "login", t1);
  let ada = audit.byActor("ada");
  expect.equal(ada.length, 2);
  expect.equal(ada.at(0).action, "login");
  expect.equal(ada.at(1).at, "2024-01-01T00:00:05.000Z");
  expect.equal(audit.byActor("bob").length, 1);
}

test "purging one actor leaves the others" {
  let now = datetime.utcNow();
  let key = audit.record("cy", "view", now);
  assert(key.startsWith("cy/"));
  audit.record("dee", "view", now);
  expect.equal(audit.purge("cy"), 1);
  expect.equal(audit.byActor("cy").length, 0);
  expect.equal(audit.byActor("dee").length, 1);
}
