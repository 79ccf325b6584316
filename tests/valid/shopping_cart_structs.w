// A shopping cart modelled with structs: optional fields, nested structs,
// arrays of structs, field punning and structs lifted from preflight.
bring expect;

struct Money {
  amount: num;
  currency: str;
}

struct LineItem {
  sku: str;
  price: Money;
  qty: num;
  discountPct: num?;
}

struct Cart {
  owner: str;
  items: Array<LineItem>;
  coupon: str?;
}

let eur = (amount: num): Money => {
  return Money { amount: amount, currency: "EUR" };
};

let owner = "ada";
let cart = Cart {
  owner,
  items: [
    LineItem { sku: "book", price: eur(20), qty: 2 },
    LineItem { sku: "pen", price: eur(2.5), qty: 4, discountPct: 50 }
  ]
};

test "lifted structs keep their values" {
  expect.equal(cart.owner, "ada");
  expect.equal(cart.items.length, 2);
  expect.equal(cart.items.at(1).price.amount, 2.5);
  expect.equal(cart.items.at(0).price.currency, "EUR");
  assert(cart.coupon == nil);
}

test "totals honour optional discounts" {
  let var total = 0;
  for item in cart.items {
    let gross = item.price.amount * item.qty;
    let pct = item.discountPct ?? 0;
    total += gross - gross * pct / 100;
  }
  expect.equal(total, 45);
}

test "building structs inflight" {
  let sku = "mug";
  let qty = 1;
  let item = LineItem { sku, qty, price: Money { amount: 8, currency: "EUR" } };
  let c2 = Cart { owner: "bob", items: [item], coupon: "WELCOME" };
  expect.equal(c2.items.at(0).sku, "mug");
  expect.equal(c2.coupon ?? "", "WELCOME");
  expect.equal(Json.stringify(item), "\{\"sku\":\"mug\",\"qty\":1,\"price\":\{\"amount\":8,\"currency\":\"EUR\"}}");
}
