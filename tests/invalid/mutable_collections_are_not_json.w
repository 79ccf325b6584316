// Mutable collections and sets are not Json, as in Wing 0.85.49, which
// reports each of these ("is not a legal JSON value", "Expected type to be
// \"Json\""); an immutable array, map or struct of data is.
struct P { a: num; }
let arr = MutArray<num>[1];
let im = [1, 2];
let mm = MutMap<num>{"a" => 1};
let m = {"a" => 1};
let p = P { a: 1 };
let j1 = Json { a: im };
let j2 = Json { a: m };
let j3 = Json { a: p };
let j4: Json = arr;
let j5: Json = mm;
let j6 = Json { a: mm };
let j7 = Json [arr];
let j8 = MutJson { a: arr };
let s = Set<num>[1];
let j9 = Json { a: s };
