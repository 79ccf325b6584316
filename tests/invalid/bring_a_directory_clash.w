// Two files of a brought directory export the same name (Wing 0.85.49:
// "Symbol "Shared" has multiple definitions in ".../clash_lib""). A
// subdirectory is a module, not a value, and its types are not values.
bring "./modules/clash_lib" as lib;

let fine = lib.OnlyHere { n: 1 };
let d = lib.nested.Deep;
let n = lib.nested;
