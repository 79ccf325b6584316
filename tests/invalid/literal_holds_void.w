// An element of an array or map literal must be a value: `log` gives none
// (found by the fuzz campaign, which used to compile it to an invalid
// bundle).
test "void elements" {
  let found = 20;
  [[assert(found == 20)]];
  let lines = MutMap<str>{ "a" => "x" };
  let sizes = { "a" => lines.set("b", "y") };
}
