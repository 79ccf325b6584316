// Only variables, fields and elements can be assigned; a call result cannot.
let names = MutArray<str>["a", "b"];
names.at(0) = "c";
