// A name used in a scope above a declaration that hides it: Wing 0.85.49
// reports these ("Cannot access "x" because it is shadowed by another
// symbol with the same name", or "used before being defined" for the use
// in a nested block). It does not report the one in the `test` block;
// wingc applies the same rule to every scope.
let x = 1;
if true {
  log("{x}");
  let x = 2;
}
let f = () => {
  log("{x}");
  let x = 3;
};
test "t" {
  log("{x}");
  let x = 4;
}
class C {
  new() {
    log("{x}");
    let x = 5;
  }
}
let y = 1;
let g = () => {
  if true {
    log("{y}");
  }
  let y = 2;
};
// Fine: the inner one is declared first.
let h = () => {
  let y = 3;
  log("{y}");
};
