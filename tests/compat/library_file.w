// A library file brought by path, its classes and interfaces used.
bring "./libs/text/slug.w" as text;

let slug = text.Slug.of("Hello Wing World");
let f: text.Formatter = new text.Shouter();
let loud = f.format("hey");

test "library file" {
  assert(slug == "hello-wing-world");
  assert(loud == "HEY!");
}
