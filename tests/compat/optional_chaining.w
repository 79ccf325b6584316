// Optional chaining and `??` on profiles with missing parts.
struct Address {
  city: str;
  zip: str?;
}

struct Profile {
  name: str;
  address: Address?;
  tags: Array<str>?;
}

let cityOf = inflight (p: Profile): str => {
  return p.address?.city ?? "unknown";
};

let a = Profile { name: "ada", address: Address { city: "London" } };
let b = Profile { name: "bob" };
let j = Json { user: { name: "cy", prefs: { theme: "dark" } } };

test "optional chaining" {
  assert(cityOf(a) == "London");
  assert(cityOf(b) == "unknown");
  assert((a.address?.zip ?? "none") == "none");
  assert((b.tags?.length ?? 0) == 0);
  assert(j.tryGet("user")?.tryGet("prefs")?.tryGet("theme")?.tryAsStr() == "dark");
  assert(j.tryGet("user")?.tryGet("missing")?.tryGet("x") == nil);
  let var n: num? = nil;
  assert((n ?? 7) == 7);
  n = 2;
  assert((n ?? 7) == 2);
}
