// String operations over about 100 KB: split, join, replace, contains,
// substring.
test "string ops over 100 KB" {
  let words = MutArray<str>[];
  for i in 0..10000 {
    words.push("word{i % 97}");
  }
  let text = words.join(",");
  let start = datetime.utcNow().timestampMs;
  let var found = 0;
  let var length = 0;
  for round in 0..20 {
    let parts = text.split(",");
    let joined = parts.join(";");
    let replaced = joined.replaceAll(";", " ");
    if replaced.contains("word96 word0") {
      found = found + 1;
    }
    for i in 0..1000 {
      length = length + text.substring(i * 50, i * 50 + 40).length;
    }
  }
  let end = datetime.utcNow().timestampMs;
  log("BENCH strings {end - start}");
  assert(found == 20);
  assert(length == 20 * 1000 * 40);
}
