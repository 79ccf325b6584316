// Validating and extracting with the `regex` module (no `bring` needed).
let emailRe = regex.compile("^([a-z.]+)@([a-z]+)\\.(com|org)$");

test "validate emails" {
  assert(emailRe.test("ada.lovelace@math.org"));
  assert(!emailRe.test("nope@"));
  if let parts = emailRe.findSubmatch("bob@mail.com") {
    assert(parts.length == 4);
    assert(parts.at(1) == "bob");
    assert(parts.at(2) == "mail");
  } else {
    assert(false);
  }
}

test "find and replace" {
  let digits = regex.compile("[0-9]+");
  assert(digits.findAll("a1b22c333") == ["1", "22", "333"]);
  assert(digits.replaceAll("a1b22", "#") == "a#b#");
  assert(regex.compile("^h.llo$").test("hello"));
}
