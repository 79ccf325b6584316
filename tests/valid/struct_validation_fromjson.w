// Validating incoming webhook payloads into structs: Struct.fromJson,
// tryFromJson, parseJson, tryParseJson, including nested and optional
// fields and the errors for invalid input.
bring expect;

struct Repo {
  name: str;
  stars: num;
}

struct Webhook {
  action: str;
  repo: Repo;
  labels: Array<str>?;
  draft: bool?;
}

test "fromJson builds nested structs" {
  let hook = Webhook.fromJson({ action: "opened", repo: { name: "wing", stars: 5000 }, labels: ["bug"] });
  expect.equal(hook.action, "opened");
  expect.equal(hook.repo.name, "wing");
  expect.equal(hook.repo.stars + 1, 5001);
  expect.equal(hook.labels?.at(0) ?? "", "bug");
  assert(hook.draft == nil);
}

test "tryFromJson is nil for invalid shapes" {
  assert(Webhook.tryFromJson({ action: "opened" }) == nil);
  assert(Webhook.tryFromJson({ action: 1, repo: { name: "x", stars: 1 } }) == nil);
  assert(Repo.tryFromJson({ name: "x", stars: "many" }) == nil);
  let ok = Repo.tryFromJson({ name: "x", stars: 2 });
  expect.equal(ok?.stars ?? 0, 2);
}

test "parseJson and tryParseJson read text" {
  let r = Repo.parseJson("\{\"name\":\"sdk\",\"stars\":7}");
  expect.equal(r.name, "sdk");
  assert(Repo.tryParseJson("\{\"name\":\"sdk\"}") == nil);
  assert(Repo.tryParseJson("not json") == nil);
  expect.equal(Repo.tryParseJson("\{\"name\":\"a\",\"stars\":1}")?.name ?? "", "a");
}

test "fromJson throws on invalid input" {
  let var error = "";
  try {
    Repo.fromJson({ name: 42, stars: 1 });
  } catch e {
    error = e;
  }
  assert(error.length > 0);
}
