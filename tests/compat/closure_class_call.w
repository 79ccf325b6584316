// Objects with an `inflight handle` are called like functions.
class Adder {
  base: num;
  new(base: num) {
    this.base = base;
  }
  pub inflight handle(x: num): num {
    return this.base + x;
  }
}

let addTen = new Adder(10);

test "call the object" {
  assert(addTen(5) == 15);
  assert(addTen(-10) == 0);
}
