// Preflight data lifted into inflight code with its values: arrays, maps,
// sets, nested collections, Json, structs, enums, durations and numbers
// computed at compile time.
bring expect;

enum Tier {
  FREE,
  PRO
}

struct Plan {
  name: str;
  tier: Tier;
  seats: num;
  features: Array<str>;
}

let regions = ["eu", "us", "ap"];
let limits = { "eu" => 100, "us" => 250 };
let admins = Set<str>["root", "ops"];
let matrix = [[1, 2], [3, 4]];
let byRegion = { "eu" => ["de", "fr"], "us" => ["ny"] };
let settings = Json { retries: 3, endpoints: ["a", "b"] };
let plan = Plan { name: "team", tier: Tier.PRO, seats: 5, features: ["sso", "audit"] };
let window = 90s;
let var computed = 0;
for r in regions {
  computed += limits.tryGet(r) ?? 10;
}
let capacity = computed;

test "collections arrive intact" {
  expect.equal(regions.join("/"), "eu/us/ap");
  expect.equal(limits.get("us"), 250);
  assert(admins.has("ops"));
  expect.equal(matrix.at(1).at(0), 3);
  expect.equal(byRegion.get("eu").length, 2);
  expect.equal(capacity, 360);
}

test "json, structs, enums and durations arrive intact" {
  expect.equal(settings.get("retries").asNum(), 3);
  expect.equal(settings.get("endpoints").getAt(1).asStr(), "b");
  expect.equal(plan.features.join("+"), "sso+audit");
  assert(plan.tier == Tier.PRO);
  expect.equal(plan.seats * 2, 10);
  expect.equal(window.minutes, 1.5);
}
