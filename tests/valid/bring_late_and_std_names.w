// `bring` may come after other statements (it is hoisted, as in Wing), and
// the built-in types are also reachable through the `std` namespace.
let defaultTimeout = std.Duration.fromSeconds(90);

bring cloud;

let settings = Json { region: "eu", retries: 3 };
let settingsText = std.Json.stringify(settings);

bring expect;

let store = new cloud.Bucket();

let started = std.Datetime.fromIso("2024-03-01T10:00:00Z");

test "late brings are visible everywhere in the file" {
  store.put("settings.json", settingsText);
  let back = std.Json.parse(store.get("settings.json"));
  expect.equal(back.get("region").asStr(), "eu");
  expect.equal(std.Number.fromStr("42") + 1, 43);
  expect.equal(std.String.fromJson(back.get("region")), "eu");
  expect.equal(std.Boolean.fromJson(Json true), true);
}

test "std types by name" {
  expect.equal(defaultTimeout.minutes, 1.5);
  expect.equal(started.year, 2024);
  expect.equal(std.Json.keys(settings).length, 2);
}
