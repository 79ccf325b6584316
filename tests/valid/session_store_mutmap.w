// An in-memory session store built on MutMap: set, delete, clear, and the
// Map members (get, tryGet, has, keys, values, size) on a mutable map.
bring expect;

inflight class Sessions {
  data: MutMap<str>;
  new() {
    this.data = MutMap<str>{};
  }
  pub login(user: str, token: str) {
    this.data.set(token, user);
  }
  pub logout(token: str): bool {
    return this.data.delete(token);
  }
  pub whoami(token: str): str {
    return this.data.tryGet(token) ?? "anonymous";
  }
  pub count(): num {
    return this.data.size();
  }
  pub reset() {
    this.data.clear();
  }
}

test "login, logout and lookups" {
  let s = new Sessions();
  s.login("ada", "t1");
  s.login("bob", "t2");
  expect.equal(s.whoami("t1"), "ada");
  expect.equal(s.whoami("nope"), "anonymous");
  expect.equal(s.count(), 2);
  assert(s.logout("t1"));
  expect.equal(s.whoami("t1"), "anonymous");
  expect.equal(s.count(), 1);
  s.reset();
  expect.equal(s.count(), 0);
}

test "mutable map literals and overwrite" {
  let m = MutMap<num>{ "a" => 1 };
  m.set("a", 2);
  m.set("b", 3);
  expect.equal(m.get("a"), 2);
  expect.equal(m.keys().join(","), "a,b");
  expect.equal(m.values().at(1), 3);
  assert(m.has("b"));
}
