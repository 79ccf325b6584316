// Library behaviours that follow JavaScript, as Wing's do, checked in both
// phases: `%` on large and fractional numbers, Math.round, num.fromStr as
// Number(), Array.tryAt as Array.prototype.at, Json access across arrays and
// objects, the ISO forms Date reads and writes, month overflow, the property
// order of maps and Json objects, trim's white space, MutJson nesting, a
// catchable util.env preflight, recursion depth. Wing 0.85.49 passes it.
bring expect;
bring math;
bring util;

let big = 2 ** 60;
let preflightMod = "{big % 1000} {5.5 % 0.1} {(10 ** 15) % 7.3}";
let byYear = MutMap<num>{};
byYear.set("2024", 10);
byYear.set("total", 30);
byYear.set("2023", 20);
let preflightKeys = byYear.keys();

test "remainders are exact, as JavaScript's %" {
  expect.equal("{big % 1000} {5.5 % 0.1} {(10 ** 15) % 7.3}", "976 0.0999999999999997 0.12433365533425");
  expect.equal(preflightMod, "976 0.0999999999999997 0.12433365533425");
  expect.equal(-7 % 3, -1);
}

test "rounding, square roots and random" {
  expect.equal(math.round(0.49999999999999994), 0);
  expect.equal(math.round(4503599627370497), 4503599627370497);
  expect.equal(math.round(-2.5), -2);
  let var error = "";
  try {
    math.sqrt(-1);
  } catch e {
    error = e;
  }
  expect.equal(error, "Input value must be greater than or equal to 0.");
  let r = math.random(0);
  expect.equal(r >= 0 && r < 1, true);
}

test "num.fromStr reads what Number() reads" {
  expect.equal(num.fromStr(""), 0);
  expect.equal(num.fromStr("  42  "), 42);
  expect.equal(num.fromStr("0b101") + num.fromStr("0o17") + num.fromStr("0x10"), 36);
  expect.equal(num.fromStr("-Infinity") < -(10 ** 308), true);
}

test "tryAt counts from the end and cuts fractions" {
  let a = [3, 1, 2, 4];
  expect.equal(a.tryAt(-1), 4);
  expect.equal(a.tryAt(-4), 3);
  expect.equal(a.tryAt(0.5), 3);
  expect.equal(a.tryAt(-5), nil);
  expect.equal("Hello".at(1.5), "e");
}

test "Json access across arrays and objects" {
  let list = Json [3, 4];
  expect.equal(list.get("0").asNum(), 3);
  expect.equal(list.has("1"), true);
  expect.equal((Json { "0": "zero" }).getAt(0).asStr(), "zero");
  expect.equal(Json.entries(list).length, 2);
  let grow = MutJson [1];
  grow.setAt(3, 9);
  expect.equal(Json.stringify(grow), "[1,null,null,9]");
}

test "ISO forms" {
  expect.equal(datetime.fromIso("2024").toIso(), "2024-01-01T00:00:00.000Z");
  expect.equal(datetime.fromIso("2024-03").toIso(), "2024-03-01T00:00:00.000Z");
  expect.equal(datetime.fromIso("2024-03-05T10:20:30+0530").toIso(), "2024-03-05T04:50:30.000Z");
  expect.equal(datetime.fromIso("2024-03-05t10:20:30z").toIso(), "2024-03-05T10:20:30.000Z");
  expect.equal(datetime.fromIso("2024-03-05T24:00:00Z").toIso(), "2024-03-06T00:00:00.000Z");
  expect.equal(1d.months, 0.03287671232876713);
}

test "maps and Json objects keep JavaScript's property order" {
  expect.equal(preflightKeys, ["2023", "2024", "total"]);
  let report = MutJson {};
  report.set("b", 1);
  report.set("10", 2);
  report.set("a", 3);
  report.set("2", 4);
  expect.equal(Json.stringify(report), "\{\"2\":4,\"10\":2,\"b\":1,\"a\":3}");
  expect.equal(Json.keys(Json.parse("\{\"z\":1,\"1\":2}")), ["1", "z"]);
  expect.equal({ "b" => 1, "10" => 2 }.keys(), ["10", "b"]);
}

let inner = MutJson { a: 1 };
let nestedArray = MutJson [inner];
let nestedField = MutJson { k: [inner] };
let probeEnv = (): str => {
  try {
    util.env("WINGC_TEST_SURELY_UNSET_VARIABLE");
    return "set";
  } catch {
    return "caught";
  }
};
let missingEnv = probeEnv();

test "MutJson holds MutJson" {
  expect.equal(Json.stringify(nestedArray), "[\{\"a\":1}]");
  expect.equal(Json.stringify(nestedField), "\{\"k\":[\{\"a\":1}]}");
}

test "dates past the calendar's edges" {
  let d = datetime.fromComponents(year: 2000, month: 14, day: 1, hour: 0, min: 0, sec: 0, ms: 0, tz: 0);
  expect.equal(d.toIso(), "2001-03-01T00:00:00.000Z");
  expect.equal(datetime.fromIso("+010000-01-01T00:00:00Z").toIso(), "+010000-01-01T00:00:00.000Z");
}

test "trim removes JavaScript's white space" {
  expect.equal("\u{FEFF} x \u{3000}".trim(), "x");
  expect.equal("\u{85}x".trim().length, 2);
}

test "a missing environment variable preflight is a Wing error" {
  expect.equal(missingEnv, "caught");
}

test "recursion a few thousand calls deep" {
  let depth = (n: num): num => {
    if n == 0 {
      return 0;
    }
    return 1 + depth(n - 1);
  };
  expect.equal(depth(4000), 4000);
}
