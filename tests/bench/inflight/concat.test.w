// String building by `+`: 20,000 appends of one character.
test "string building: s = s + x, 20k times" {
  let start = datetime.utcNow().timestampMs;
  let var s = "";
  for i in 0..20000 {
    s = s + "x";
  }
  let end = datetime.utcNow().timestampMs;
  log("BENCH concat {end - start}");
  assert(s.length == 20000);
}
