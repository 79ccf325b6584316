// Money arithmetic built on `currency.w`: a module that brings another
// module (relative to this file).
bring "./currency.w" as currency;

pub struct Money {
  units: num;
  cur: currency.Currency;
}

pub inflight class Wallet {
  balances: MutMap<num>;
  new() {
    this.balances = MutMap<num>{};
  }
  pub add(m: Money) {
    let k = "{m.cur}";
    this.balances.set(k, (this.balances.tryGet(k) ?? 0) + m.units);
  }
  pub show(c: currency.Currency): str {
    let units = this.balances.tryGet("{c}") ?? 0;
    let d = currency.Format.decimals(c);
    let whole = units \ (10 ** d);
    if d == 0 {
      return "{currency.Format.symbol(c)}{whole}";
    }
    let frac = units % (10 ** d);
    let var fs = "{frac}";
    while fs.length < d {
      fs = "0" + fs;
    }
    return "{currency.Format.symbol(c)}{whole}.{fs}";
  }
}
