// `@dirname` and `@filename` locate the program's own source.
bring fs;

let dir = @dirname;
let file = @filename;
let here = fs.readFile(file);

test "source locations" {
  assert(file.endsWith("main.w"));
  assert(file.startsWith(dir));
  assert(here.contains("source locations"));
}
