// A function handles Json events and answers with Json.
bring cloud;
bring expect;

let echo = new cloud.Function(inflight (event: Json?): Json? => {
  if let e = event {
    let name = e.get("name").asStr();
    let count = e.get("count").asNum();
    return Json { greeting: "hello {name}", doubled: count * 2 };
  }
  return nil;
}) as "echo";

test "a Json event round-trips through a function" {
  let answer = echo.invoke(Json { name: "ada", count: 21 })!;
  expect.equal(answer.get("greeting").asStr(), "hello ada");
  expect.equal(answer.get("doubled").asNum(), 42);
  expect.equal(Json.stringify(answer), "\{\"greeting\":\"hello ada\",\"doubled\":42}");
}

test "a missing event gives nil" {
  assert(echo.invoke(nil) == nil);
}

test "Json parse and tryAs" {
  let j = Json.parse("\{\"a\": [1, \"two\"]}");
  expect.equal(j.get("a").getAt(0).asNum(), 1);
  assert(j.get("a").getAt(1).tryAsNum() == nil);
  expect.equal(j.get("a").getAt(1).tryAsStr() ?? "", "two");
}
