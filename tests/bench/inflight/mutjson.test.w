// MutJson with 50k fields: set, read back, list the keys.
test "MutJson with 50k fields" {
  let start = datetime.utcNow().timestampMs;
  let doc = MutJson {};
  for i in 0..50000 {
    doc.set("field{i}", i);
  }
  let var sum = 0;
  for i in 0..50000 {
    sum = sum + doc.get("field{i}").asNum();
  }
  let keys = Json.keys(doc);
  let end = datetime.utcNow().timestampMs;
  log("BENCH mutjson {end - start}");
  assert(sum == 1249975000);
  assert(keys.length == 50000);
}
