// Role-based permissions with sets: each role grants a Set of actions;
// a user's effective permissions are the union (MutSet.add over
// toArray), shared permissions the intersection, and revocation uses
// MutSet.delete on a copy.
bring expect;

let roles = {
  "viewer" => Set<str>["read"],
  "editor" => Set<str>["read", "write", "comment"],
  "admin" => Set<str>["read", "write", "delete", "invite"]
};

inflight class Access {
  pub static effective(userRoles: Array<str>, roles: Map<Set<str>>): Set<str> {
    let out = MutSet<str>[];
    for r in userRoles {
      if let perms = roles.tryGet(r) {
        for p in perms.toArray() {
          out.add(p);
        }
      }
    }
    return out.copy();
  }
  pub static common(a: Set<str>, b: Set<str>): Set<str> {
    let out = MutSet<str>[];
    for p in a.toArray() {
      if b.has(p) {
        out.add(p);
      }
    }
    return out.copy();
  }
}

test "union of roles" {
  let p = Access.effective(["viewer", "editor"], roles);
  expect.equal(p.size, 3);
  assert(p.has("comment"));
  assert(!p.has("delete"));
  let none = Access.effective(["ghost"], roles);
  expect.equal(none.size, 0);
}

test "intersection and revocation" {
  let shared = Access.common(roles.get("editor"), roles.get("admin"));
  expect.equal(shared.size, 2);
  assert(shared.has("write"));
  let adminPerms = roles.get("admin").copyMut();
  adminPerms.delete("invite");
  expect.equal(adminPerms.size, 3);
  expect.equal(roles.get("admin").size, 4);
}
