// Locating assets next to the program: `@dirname` is the directory of the
// source file and `@filename` its full path; both are preflight values.
bring expect;

let dir = @dirname;
let file = @filename;
let assets = "{dir}/assets";

test "the file lives in the directory" {
  assert(file.startsWith(dir));
  assert(file.endsWith(".w"));
  let base = file.substring(dir.length + 1);
  assert(base.endsWith(".w"));
  assert(!base.contains("/"));
  expect.equal(file, "{dir}/{base}");
  assert(assets.endsWith("/assets"));
  assert(!dir.endsWith("/"));
}
