// MutMap<num> with interpolated keys: 100k set and get, and a MutArray push
// each.
test "MutMap set/get 100k with interpolated keys" {
  let start = datetime.utcNow().timestampMs;
  let counts = MutMap<num>{};
  let seen = MutArray<str>[];
  for i in 0..100000 {
    let key = "k{i % 1000}";
    counts.set(key, (counts.tryGet(key) ?? 0) + 1);
    seen.push(key);
  }
  let end = datetime.utcNow().timestampMs;
  log("BENCH map {end - start}");
  assert(counts.get("k7") == 100);
  assert(seen.length == 100000);
}
