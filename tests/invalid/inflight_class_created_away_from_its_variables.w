// Wing 0.85.49 runs this; wingc does not yet, and says so where it
// happens: an object of a class declared in inflight code that uses the
// variables around it, created in a nested function that does not use them.
test "created where the variable is not used" {
  let prefix = "p";
  class Namer {
    pub name(s: str): str {
      return prefix + s;
    }
  }
  let make = (): Namer => {
    return new Namer();
  };
  log(make().name("x"));
}
