// A closure parameter with no type, used only in ways that do not fix its
// type, is an error (Wing: "Unable to infer type by usage").
let describe = (item) => {
  return item.name;
};

test "never called" {
  log("unused");
}
