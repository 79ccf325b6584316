// Round-tripping API payloads through text: Json.parse, Json.tryParse,
// Json.stringify (compact and indented), Json.keys/values/entries.
bring expect;

let raw = "\{\"user\":\"ada\",\"score\":12,\"active\":true}";

test "parse then read fields" {
  let j = Json.parse(raw);
  expect.equal(j.get("user").asStr(), "ada");
  expect.equal(j.get("score").asNum() + 1, 13);
  expect.equal(Json.stringify(j), raw);
}

test "tryParse gives nil for bad input" {
  assert(Json.tryParse("\{oops") == nil);
  assert(Json.tryParse(nil) == nil);
  let ok = Json.tryParse("[1,2,3]");
  expect.equal(ok?.getAt(2)?.asNum() ?? 0, 3);
  let var failed = false;
  try {
    Json.parse("not json");
  } catch {
    failed = true;
  }
  assert(failed);
}

test "stringify with indent" {
  let j = Json { a: 1, b: [true, "x"] };
  let pretty = Json.stringify(j, indent: 2);
  expect.equal(pretty, "\{\n  \"a\": 1,\n  \"b\": [\n    true,\n    \"x\"\n  ]\n}");
  expect.equal(Json.stringify(Json "hi"), "\"hi\"");
  expect.equal(Json.stringify(Json 3), "3");
}

test "keys, values and entries" {
  let j = Json.parse(raw);
  expect.equal(Json.keys(j).join(","), "user,score,active");
  let values = Json.values(j);
  expect.equal(values.length, 3);
  expect.equal(values.at(1).asNum(), 12);
  let var described = "";
  for entry in Json.entries(j) {
    described += "{entry.key}={Json.stringify(entry.value)};";
  }
  expect.equal(described, "user=\"ada\";score=12;active=true;");
}
