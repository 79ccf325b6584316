// An argument whose type does not match the parameter.
bring cloud;

let counter = new cloud.Counter();

test "adds the items of an order" {
  let quantity = "3";
  counter.inc(quantity);
}
