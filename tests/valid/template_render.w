// A tiny string templating helper: `{{name}}` placeholders filled from a
// map. Raw strings `#"…"` keep the braces literal (escapes still apply);
// normal strings interpolate any expression and escape braces with `\{`.
bring expect;

let render = inflight (template: str, vars: Map<str>): str => {
  let var out = template;
  for key in vars.keys() {
    out = out.replaceAll("\{\{" + key + "}}", vars.get(key));
  }
  return out;
};

let greeting = #"Hello {{name}}, you have {{count}} new messages";

test "placeholders are replaced" {
  let text = render(greeting, { "name" => "Ada", "count" => "3" });
  expect.equal(text, "Hello Ada, you have 3 new messages");
}

test "raw strings keep braces, normal strings interpolate" {
  let n = 4;
  expect.equal(#"{n}", "\{n}");
  expect.equal("{n}", "4");
  expect.equal("{n * 2 + 1} items", "9 items");
  expect.equal("{"nested {n}"}!", "nested 4!");
  expect.equal(#"{{x}}".length, 5);
  expect.equal(#"tab\there {n}", "tab\there \{n}");
  expect.equal(#"quote \"{n}\"", "quote \"\{n}\"");
}

test "missing variables are left alone" {
  let text = render("\{\{a}}-\{\{b}}", { "a" => "1" });
  expect.equal(text, "1-\{\{b}}");
}
