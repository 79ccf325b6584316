// Json.parse and Json.stringify of a document of about 1 MB, and walking it.
test "Json parse + stringify 1 MB and walk" {
  let items = MutArray<Json>[];
  for i in 0..13000 {
    items.push({ id: i, name: "item number {i}", tags: ["a", "b", "c"], price: i * 1.5, active: i % 2 == 0 });
  }
  let text = Json.stringify({ items: items.copy() });
  let start = datetime.utcNow().timestampMs;
  let doc = Json.parse(text);
  let var total = 0;
  let var active = 0;
  let list = doc.get("items");
  for i in 0..13000 {
    let item = list.getAt(i);
    total = total + item.get("price").asNum();
    if item.get("active").asBool() {
      active = active + 1;
    }
  }
  let again = Json.stringify(doc);
  let end = datetime.utcNow().timestampMs;
  log("BENCH json {end - start}");
  assert(text.length > 900000);
  assert(again.length == text.length);
  assert(active == 6500);
  assert(total == 126740250);
}
