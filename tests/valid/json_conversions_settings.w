// Typed settings from an untyped Json blob: str.fromJson, num.fromJson,
// bool.fromJson, asX/tryAsX, and bare `{ … }` object literals passed where a
// Json parameter is expected.
bring expect;

let describe = inflight (settings: Json): str => {
  let name = str.fromJson(settings.get("name"));
  let port = num.fromJson(settings.get("port"));
  let debug = bool.fromJson(settings.get("debug"));
  return "{name}:{port}:{debug}";
};

test "fromJson converts typed leaves" {
  expect.equal(describe({ name: "api", port: 8080, debug: false }), "api:8080:false");
}

test "fromJson rejects the wrong type" {
  let var msg = "";
  try {
    num.fromJson(Json "eighty");
  } catch e {
    msg = e;
  }
  assert(msg.length > 0);
}

test "tryAs gives nil instead of throwing" {
  let j = Json { port: "8080", retries: 3, verbose: "yes" };
  assert(j.get("port").tryAsNum() == nil);
  expect.equal(j.get("retries").tryAsNum() ?? 0, 3);
  assert(j.get("verbose").tryAsBool() == nil);
  expect.equal(j.get("port").tryAsStr() ?? "", "8080");
  let port = j.get("port").tryAsNum() ?? num.fromStr(j.get("port").asStr());
  expect.equal(port, 8080);
}
