// Escapes and interpolation as Wing reads them.
let name = "Ada";
let n = 3;

test "escapes" {
  assert("tab\there".length == 8);
  assert("line\nbreak".split("\n").length == 2);
  assert("quote \"x\"" == "quote " + "\"x\"");
  assert("brace \{name}" == "brace " + "\{" + "name}");
  assert("back\\slash".length == 10);
}

test "interpolation" {
  assert("hello {name}!" == "hello Ada!");
  assert("{n} * 2 = {n * 2}" == "3 * 2 = 6");
  assert("{name.lowercase()}-{name.length}" == "ada-3");
  assert("nested {"inner {name}"}" == "nested inner Ada");
  assert("{n > 2}" == "true");
}
