// Everyday string functions.
let title = "  The Quick Brown Fox  ";

test "strings" {
  let t = title.trim();
  assert(t == "The Quick Brown Fox");
  assert(t.split(" ").length == 4);
  assert(t.substring(4, 9) == "Quick");
  assert(t.indexOf("Brown") == 10);
  assert(t.contains("Fox"));
  assert(t.lowercase().startsWith("the"));
  assert(t.at(0) == "T");
  assert("a-b-c".replaceAll("-", "+") == "a+b+c");
  assert("x".length == 1);
  assert(num.fromStr("42") == 42);
  assert("{3.5}" == "3.5");
}
