// A key-value cache with time-to-live: entries remember when they expire
// (`datetime` plus a `duration`), the clock is injected for determinism,
// and expired entries are evicted on read.
bring expect;

struct CacheEntry {
  value: str;
  expiresAtMs: num;
}

inflight class TtlCache {
  entries: MutMap<CacheEntry>;
  ttl: duration;
  pub var evicted: num;
  new(ttl: duration) {
    this.entries = MutMap<CacheEntry>{};
    this.ttl = ttl;
    this.evicted = 0;
  }
  pub put(key: str, value: str, now: datetime) {
    this.entries.set(key, CacheEntry { value: value, expiresAtMs: now.timestampMs + this.ttl.milliseconds });
  }
  pub get(key: str, now: datetime): str? {
    if let e = this.entries.tryGet(key) {
      if now.timestampMs >= e.expiresAtMs {
        this.entries.delete(key);
        this.evicted += 1;
        return nil;
      }
      return e.value;
    }
    return nil;
  }
}

test "entries expire after the ttl" {
  let t0 = datetime.fromIso("2024-06-01T12:00:00.000Z");
  let c = new TtlCache(5m);
  c.put("session", "abc", t0);
  let t1 = datetime.fromIso("2024-06-01T12:04:59.999Z");
  let t2 = datetime.fromIso("2024-06-01T12:05:00.000Z");
  expect.equal(c.get("session", t1) ?? "gone", "abc");
  expect.equal(c.get("session", t2) ?? "gone", "gone");
  expect.equal(c.evicted, 1);
  expect.equal(c.get("session", t1) ?? "gone", "gone");
  expect.equal(c.evicted, 1);
}

test "rewriting refreshes the expiry" {
  let t0 = datetime.fromIso("2024-06-01T00:00:00.000Z");
  let c = new TtlCache(1h);
  c.put("k", "v1", t0);
  let later = datetime.fromIso("2024-06-01T00:30:00.000Z");
  c.put("k", "v2", later);
  let check = datetime.fromIso("2024-06-01T01:15:00.000Z");
  expect.equal(c.get("k", check) ?? "gone", "v2");
}
