// `test` blocks inside nested scopes see the names of their scope.
let greeting = "hi";

if true {
  let inner = "{greeting} there";
  test "in an if" {
    assert(inner == "hi there");
  }
}

class Widget {
  pub size: num;
  new() {
    this.size = 3;
  }
}

for i in 0..1 {
  let w = new Widget();
  test "in a loop" {
    assert(w.size == 3);
  }
}

test "at the top" {
  assert(greeting == "hi");
}
