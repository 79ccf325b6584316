// A library directory of several files, with `pub` and `internal` types.
bring "./libs/shop" as shop;

let cart = new shop.Cart();
cart.add(shop.Item { sku: "a", price: 10, qty: 2 });
cart.add(shop.Item { sku: "b", price: 5, qty: 1 });
let total = cart.total();

test "library types" {
  assert(total == 27.5);
}
