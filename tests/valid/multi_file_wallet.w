// A module that brings another module: `modules/money.w` brings
// `modules/currency.w`; this program brings both and uses an inflight
// class, a struct and an enum across the files.
bring expect;
bring "./modules/money.w" as money;
bring "./modules/currency.w" as currency;

test "balances per currency" {
  let w = new money.Wallet();
  w.add(money.Money { units: 1050, cur: currency.Currency.EUR });
  w.add(money.Money { units: 5, cur: currency.Currency.EUR });
  w.add(money.Money { units: 300, cur: currency.Currency.JPY });
  expect.equal(w.show(currency.Currency.EUR), "€10.55");
  expect.equal(w.show(currency.Currency.JPY), "¥300");
  expect.equal(w.show(currency.Currency.USD), "$0.00");
}
