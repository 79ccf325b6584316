// String methods, interpolation and arithmetic with Wing's semantics.
bring expect;

test "string methods" {
  let csv = "alice,bob,carol";
  let names = csv.split(",");
  expect.equal(names.length, 3);
  expect.equal(names.at(1), "bob");
  expect.equal(names.join("|"), "alice|bob|carol");
  assert(csv.contains("bob"));
  assert(csv.startsWith("alice"));
  assert(csv.endsWith("carol"));
  expect.equal(csv.indexOf("bob"), 6);
  expect.equal("  padded ".trim(), "padded");
  expect.equal("Shout".uppercase(), "SHOUT");
  expect.equal("hello world".substring(6), "world");
  expect.equal("a-b-c".replaceAll("-", "+"), "a+b+c");
  expect.equal("a-b-c".replace("-", "+"), "a+b-c");
  expect.equal("abc".length, 3);
}

test "numbers print and compute like Wing" {
  expect.equal("{1.5 + 1.5}", "3");
  expect.equal("{7 / 2}", "3.5");
  expect.equal(7 \ 2, 3);
  expect.equal(-7 % 3, -1);
  expect.equal(2 ** 10, 1024);
  expect.equal(num.fromStr("42") + 1, 43);
  expect.equal("{1500ms.seconds}", "1.5");
  expect.equal(2m.seconds, 120);
}
