/* Lexical details a CSV exporter depends on:
   block comments, line comments, string escapes (\n \t \" \\ \{) and
   multi-line text. */
bring expect;

// Quote a field the way CSV wants it.
let quote = inflight (field: str): str => {
  if field.contains(",") || field.contains("\"") {
    return "\"" + field.replaceAll("\"", "\"\"") + "\"";
  }
  return field; // plain fields are left alone
};

test "escapes produce the right characters" {
  expect.equal("a\tb".length, 3);
  expect.equal("line1\nline2".split("\n").length, 2);
  expect.equal("back\\slash".length, 10);
  expect.equal("\{not interpolated}", "\{" + "not interpolated}");
  expect.equal("say \"hi\"".length, 8);
}

test "csv fields" {
  expect.equal(quote("plain"), "plain");
  expect.equal(quote("a,b"), "\"a,b\"");
  expect.equal(quote("6\" ruler"), "\"6\"\" ruler\"");
  /* a comment between statements */
  let row = [quote("x"), quote("y,z")].join(",");
  expect.equal(row, "x,\"y,z\"");
}
