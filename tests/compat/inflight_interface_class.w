// Inflight classes implementing an inflight interface, chosen at run time.
inflight interface Pricing {
  price(base: num): num;
}

inflight class Regular impl Pricing {
  pub price(base: num): num {
    return base;
  }
}

inflight class Discounted impl Pricing {
  pct: num;
  new(pct: num) {
    this.pct = pct;
  }
  pub price(base: num): num {
    return base - base * this.pct / 100;
  }
}

test "pricing strategies" {
  let regular: Pricing = new Regular();
  let discounted: Pricing = new Discounted(25);
  let strategies = [regular, discounted];
  let prices = MutArray<num>[];
  for s in strategies {
    prices.push(s.price(200));
  }
  assert(prices.copy() == [200, 150]);
}
