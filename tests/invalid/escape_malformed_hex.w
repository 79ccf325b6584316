// `\x` takes exactly two hex digits. Wing reports "Expected '"'" and three
// follow-on errors here; wingc names the escape.
let bell = "ring \x7 now";
