// A map cannot be iterated directly; iterate over its keys.
let prices = {"apple" => 1.5, "pear" => 2};
for item in prices {
  log(item);
}
