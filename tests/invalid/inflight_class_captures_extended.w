// Wing 0.85.49 runs this; wingc does not yet, and says so where it
// happens: a class declared in inflight code that uses the variables
// around it and is extended.
test "an extended class using a variable around it" {
  let var total = 0;
  class Base {
    pub add(n: num) {
      total += n;
    }
  }
  class Child extends Base { }
  new Child().add(1);
}
