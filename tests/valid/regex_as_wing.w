// Wing's `regex`: compiled preflight or inflight, lifted like data, with
// the results Wing 0.85.49 gives for the same calls (indices in UTF-16
// code units, JavaScript replacement references). The last check differs
// from Wing on purpose: JavaScript runs look-behind, wingc's patterns
// have no look-around and say so with a catchable error.
let email = regex.compile("([a-z]+)@([a-z]+)\\.com");
let text = "mail ann@example.com and bob@test.com now";
let preflightHit = email.test (text);

test "regex members" {
  assert(preflightHit);
  assert(email.find(text) == "ann@example.com");
  assert(Json.stringify(email.findIndex(text)) == "[5,20]");
  assert(Json.stringify(email.findSubmatch(text)) == "[\"ann@example.com\",\"ann\",\"example\"]");
  assert(Json.stringify(email.findSubmatchIndex(text)) == "[[5,20],[5,8],[9,16]]");
  assert(email.findAll(text) == ["ann@example.com", "bob@test.com"]);
  assert(Json.stringify(email.findAllIndex(text)) == "[[5,20],[25,37]]");
  assert(email.replaceAll(text, "<$1 at $2>") == "mail <ann at example> and <bob at test> now");
  assert(email.find("nothing") == nil);
  assert(email.findSubmatch("nothing") == nil);
  assert(Json.stringify(regex.compile("(x)?y").findSubmatch("y")) == "[\"y\",null]");
}

test "regex compiled inflight, and a pattern it cannot run" {
  let digits: regex = regex.compile("\\d+");
  assert(digits.findAll("a1b22c333") == ["1", "22", "333"]);
  assert(Json.stringify(regex.compile("b").findIndex("😀b")) == "[2,3]");
  let var message = "";
  try {
    regex.compile("(?<=a)b");
  } catch e {
    message = e;
  }
  assert(message.startsWith("Invalid regular expression: /(?<=a)b/"));
}
