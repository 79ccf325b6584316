// Sessions kept in a mutable map inside an inflight class.
inflight class Sessions {
  pub store: MutMap<str>;
  new() {
    this.store = MutMap<str>{};
  }
  pub open(user: str): str {
    let id = "s{this.store.size() + 1}";
    this.store.set(id, user);
    return id;
  }
  pub who(id: str): str? {
    return this.store.tryGet(id);
  }
  pub close(id: str) {
    this.store.delete(id);
  }
}

test "sessions" {
  let s = new Sessions();
  let a = s.open("ada");
  let b = s.open("bob");
  assert(s.who(a) == "ada");
  s.close(a);
  assert(s.who(a) == nil);
  assert(s.who(b) == "bob");
  assert(s.store.keys() == ["s2"]);
}
