// A receipt printer: string interpolation with any expression inside
// `{…}` — arithmetic, method calls, `??` on optionals, nested string
// literals, enum values, Json values, durations and booleans.
bring expect;

enum Payment {
  CARD,
  CASH
}

struct Receipt {
  shop: str;
  items: Array<str>;
  prices: Array<num>;
  tip: num?;
  paidWith: Payment;
}

let r = Receipt { shop: "Cafe Wing", items: ["latte", "bagel"], prices: [3.5, 2.25], paidWith: Payment.CARD };

test "expressions inside interpolation" {
  let total = r.prices.at(0) + r.prices.at(1);
  expect.equal("{r.shop.uppercase()} - {r.items.length} items", "CAFE WING - 2 items");
  expect.equal("total {total} + tip {r.tip ?? 0} = {total + (r.tip ?? 0)}", "total 5.75 + tip 0 = 5.75");
  expect.equal("{r.items.join(" & ")}", "latte & bagel");
  expect.equal("paid by {r.paidWith}", "paid by CARD");
  expect.equal("{"{r.items.at(0)}"}", "latte");
  expect.equal("{r.prices.at(0) > 3}", "true");
  expect.equal("{Json { ok: true }}", "\{\"ok\":true}");
  expect.equal("{Json.stringify(r.items)}", "[\"latte\",\"bagel\"]");
  expect.equal("{(2m).seconds}s", "120s");
  expect.equal("{10 \ 3}{10 % 3}", "31");
}
