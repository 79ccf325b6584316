// The escapes Wing reads in strings (JavaScript's), beside interpolation.
let who = "wing";
let letters = "\x41\u0042\u{43}";
let smile = "\uD83D\uDE00";
let controls = "\b\f\v";
let quoted = "say \"hi\" to {who}";
let literalBraces = "\{not {who}\}";
let path = "a\/b";
let dollars = "cost: \$5 or ${who}";
let multiline = "first
second";

test "escapes" {
  assert(letters == "ABC");
  assert(smile == "\u{1F600}");
  assert(controls.length == 3);
  assert(quoted == "say \"hi\" to wing");
  assert(literalBraces == "\{not wing\}");
  assert(path == "a/b");
  assert(dollars == "cost: $5 or $wing");
  assert(multiline.split("\n").length == 2);
  assert("tab\tand\nnewline".length == 15);
}
