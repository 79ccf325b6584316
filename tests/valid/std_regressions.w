// Standard library behaviours the corpus once got wrong, each checked the
// way Wing 0.85.49 does it (all pass there):
// - datetime.toIso() is always UTC with a `Z`, whatever the timezone;
// - `Json []` and `MutJson []` are empty Json arrays;
// - Json.values / Json.keys work on Json arrays (elements / indices);
// - util.shell runs a command and gives its output;
// - a Counter's `initial` is readable inflight;
// - `S.tryParseJson` takes a `str?` (nil gives nil);
// - `expect.equal(x, [])` types the empty array from `x`;
// - preflight `math.log`, `NaN`/`Infinity` in preflight interpolation,
//   `math.max`/`min` with a `NaN`, `$` patterns of `replace`/`replaceAll`.
bring cloud;
bring expect;
bring util;
bring math;

let quota = new cloud.Counter(initial: 100);
let scores = Json [10, 20, 30];
let preflightCount = Json.values(scores).length;

test "toIso is UTC" {
  let d = datetime.fromComponents(year: 2024, month: 0, day: 15, hour: 9, min: 0, sec: 0, ms: 0, tz: -120);
  expect.equal(d.toIso(), "2024-01-15T07:00:00.000Z");
  expect.equal(d.hours, 9);
  expect.equal(d.timezone, -120);
  expect.equal(d.toUtc().toIso(), "2024-01-15T07:00:00.000Z");
  expect.equal(d.toUtc().hours, 7);
}

test "empty Json arrays" {
  let a = MutJson [];
  a.setAt(0, 1);
  expect.equal(Json.stringify(a), "[1]");
  let b = Json [];
  expect.equal(Json.stringify(b), "[]");
}

test "values and keys of a Json array" {
  expect.equal(preflightCount, 3);
  expect.equal(Json.values(scores).at(2).asNum(), 30);
  expect.equal(Json.keys(scores).join(","), "0,1,2");
}

test "shell output" {
  expect.equal(util.shell("echo hi").trim(), "hi");
}

test "counter initial inflight" {
  expect.equal(quota.initial, 100);
  quota.inc();
  expect.equal(quota.peek(), 101);
}

struct Point {
  x: num;
  y: num;
}

test "tryParseJson takes an optional text" {
  let text: str? = "\{\"x\":1,\"y\":2\}";
  let none: str? = nil;
  expect.equal(Point.tryParseJson(text)?.x, 1);
  expect.equal(Point.tryParseJson(none), nil);
}

test "expect.equal types [] from its first argument" {
  let names: Array<str> = [];
  expect.equal(names, []);
}

let zero = 0;
let preflightLog = math.log(10);
let preflightNonFinite = "{1 / zero} {-1 / zero} {zero / zero} {math.max([])}";
let preflightReplaced = "Hello, World".replace("World", "$&$&");

test "math.log and non-finite numbers preflight" {
  expect.equal(preflightLog, 2.302585092994046);
  expect.equal(preflightNonFinite, "Infinity -Infinity NaN -Infinity");
  expect.equal("{math.max([1, zero / zero])}", "NaN");
  expect.equal("{math.min([zero / zero, 1])}", "NaN");
}

test "replacement patterns of replace and replaceAll" {
  expect.equal(preflightReplaced, "Hello, WorldWorld");
  expect.equal("Hello, World".replaceAll("o", "$$"), "Hell$, W$rld");
  expect.equal("ab".replace("b", "[$`|$']"), "a[a|]");
  expect.equal("price: 5".replace("5", "$5"), "price: $5");
}
