// Audit events as a hierarchy of structs: `struct … extends …` over two
// levels, passing a derived struct where the base is expected.
bring expect;

struct BaseEvent {
  id: str;
  at: num;
}

struct UserEvent extends BaseEvent {
  user: str;
}

struct LoginEvent extends UserEvent {
  ip: str;
  mfa: bool?;
}

let describe = (e: BaseEvent): str => {
  return "{e.id}@{e.at}";
};

let first = LoginEvent { id: "e1", at: 100, user: "ada", ip: "10.0.0.1" };
let firstText = describe(first);

test "derived structs carry every field" {
  expect.equal(first.id, "e1");
  expect.equal(first.user, "ada");
  expect.equal(first.ip, "10.0.0.1");
  expect.equal(first.mfa ?? false, false);
  expect.equal(firstText, "e1@100");
}

test "derived structs where the base is expected (inflight)" {
  let audit = MutArray<str>[];
  let record = (e: UserEvent) => {
    audit.push("{e.user}:{e.id}");
  };
  record(LoginEvent { id: "e2", at: 5, user: "bob", ip: "::1", mfa: true });
  record(UserEvent { id: "e3", at: 6, user: "cy" });
  expect.equal(audit.join(","), "bob:e2,cy:e3");
}

test "json of a derived struct" {
  let e = UserEvent { id: "e4", at: 1, user: "dee" };
  let j = Json.parse(Json.stringify(e));
  expect.equal(j.get("user").asStr(), "dee");
  expect.equal(j.get("at").asNum(), 1);
}
