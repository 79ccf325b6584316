// MutArray<num>: 200k push, then 200k at and set.
test "MutArray push/at/set 200k" {
  let start = datetime.utcNow().timestampMs;
  let xs = MutArray<num>[];
  for i in 0..200000 {
    xs.push(i);
  }
  let var sum = 0;
  for i in 0..200000 {
    sum = sum + xs.at(i);
    xs.set(i, i * 2);
  }
  let end = datetime.utcNow().timestampMs;
  log("BENCH array {end - start}");
  assert(sum == 19999900000);
  assert(xs.at(199999) == 399998);
}
