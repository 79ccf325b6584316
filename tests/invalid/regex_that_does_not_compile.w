// A pattern that does not compile, preflight: the error stops the
// compilation where it was thrown (Wing 0.85.49: "Invalid regular
// expression: /(unclosed/: Unterminated group").
let bad = regex.compile("(unclosed");
