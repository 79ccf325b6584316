// Standard names through the `std` namespace.
let d = std.Duration.fromSeconds(90);
let total: num = 4;
let payload = std.Json.parse("\{\"name\": \"box\"}");

test "std names" {
  assert(d.minutes == 1.5);
  assert(std.Duration.fromSeconds(60).minutes == 1);
  assert(payload.get("name").asStr() == "box");
  assert(std.Json.stringify(payload) == "\{\"name\":\"box\"}");
  assert(std.Number.fromStr("12") + total == 16);
  assert(std.String.fromJson(Json "x") == "x");
}
