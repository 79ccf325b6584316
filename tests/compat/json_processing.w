// Parsing, walking and building Json.
let raw = "\{\"users\": [\{\"name\": \"ada\", \"age\": 36}, \{\"name\": \"bob\", \"age\": 25}]}";

test "walk Json" {
  let data = Json.parse(raw);
  let var ages = 0;
  for u in Json.values(data.get("users")) {
    ages += u.get("age").asNum();
  }
  assert(ages == 61);
  let names = MutArray<str>[];
  for u in Json.values(data.get("users")) {
    names.push(u.get("name").asStr());
  }
  assert(names.join(",") == "ada,bob");
}

test "build Json" {
  let m = MutJson {};
  m.set("count", 2);
  m.set("items", ["a", "b"]);
  assert(Json.stringify(m) == "\{\"count\":2,\"items\":[\"a\",\"b\"]}");
  assert(Json.keys(m).length == 2);
  assert(Json.tryParse("not json") == nil);
}
