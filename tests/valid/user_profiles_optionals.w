// User profiles with optional data: `T?` bindings and fields, `??`, `?.`
// (also chained), `!` and comparing with `nil`.
bring expect;

struct Address {
  city: str;
  zip: str?;
}

struct Profile {
  handle: str;
  displayName: str?;
  age: num?;
  address: Address?;
}

let ann = Profile { handle: "ann", displayName: "Ann Lee", age: 34, address: Address { city: "Oslo", zip: "0150" } };
let bob = Profile { handle: "bob" };

test "?? picks a fallback" {
  expect.equal(ann.displayName ?? ann.handle, "Ann Lee");
  expect.equal(bob.displayName ?? bob.handle, "bob");
  expect.equal((bob.age ?? 18) + 1, 19);
}

test "?. walks optional links" {
  expect.equal(ann.address?.city ?? "unknown", "Oslo");
  expect.equal(bob.address?.city ?? "unknown", "unknown");
  expect.equal(ann.address?.zip ?? "-", "0150");
  expect.equal(bob.address?.zip ?? "-", "-");
  expect.equal(ann.displayName?.length ?? 0, 7);
  expect.equal(bob.displayName?.length ?? 0, 0);
}

test "! unwraps and nil comparisons test presence" {
  assert(ann.age != nil);
  assert(bob.age == nil);
  expect.equal(ann.age! * 2, 68);
  expect.equal(ann.address!.city, "Oslo");
  let var nick: str? = nil;
  assert(nick == nil);
  nick = "b";
  assert(nick != nil);
  expect.equal(nick!, "b");
}

test "unwrapping nil throws" {
  let var error = "";
  try {
    let ghost = Profile { handle: "ghost" };
    let n = ghost.age!;
    log("{n}");
  } catch e {
    error = e;
  }
  assert(error.length > 0);
}
