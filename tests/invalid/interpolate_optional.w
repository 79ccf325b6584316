// An optional value cannot be interpolated: decide what to print when it is nil.
struct User {
  name: str;
  team: str?;
}

let describe = (u: User): str => {
  return "{u.name} works in {u.team}";
};
