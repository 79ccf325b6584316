// Pricing with optional discounts and coupons: `??` mixed with arithmetic
// and comparisons (it binds tighter than comparisons and looser than `+`,
// as in Wing), `?.` on optional structs and `!` after a presence check.
bring expect;

struct Coupon {
  code: str;
  percent: num?;
  flat: num?;
}

struct Item {
  name: str;
  price: num;
  discount: num?;
  coupon: Coupon?;
}

let book = Item { name: "book", price: 20, discount: 5 };
let pen = Item { name: "pen", price: 3 };
let lamp = Item { name: "lamp", price: 40, coupon: Coupon { code: "LIGHT10", percent: 10 } };

test "?? binds looser than +" {
  let none: num? = nil;
  expect.equal(none ?? 1 + 2, 3);
  expect.equal((none ?? 1) + 2, 3);
  let five: num? = 5;
  expect.equal(five ?? 1 + 2, 5);
}

test "?? binds tighter than comparisons" {
  assert(book.discount ?? 0 > 1);
  assert(pen.discount ?? 0 == 0);
  assert(!(pen.discount ?? 0 > 0));
}

test "final prices" {
  let finalPrice = (i: Item): num => {
    let afterDiscount = i.price - (i.discount ?? 0);
    let pct = i.coupon?.percent ?? 0;
    let flat = i.coupon?.flat ?? 0;
    return afterDiscount * (100 - pct) / 100 - flat;
  };
  expect.equal(finalPrice(book), 15);
  expect.equal(finalPrice(pen), 3);
  expect.equal(finalPrice(lamp), 36);
  expect.equal(lamp.coupon?.code ?? "none", "LIGHT10");
  if lamp.coupon != nil {
    expect.equal(lamp.coupon!.code.length, 7);
  }
}
