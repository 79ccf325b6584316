// Currency codes and formatting; brought by `modules/money.w`.
pub enum Currency {
  EUR,
  USD,
  JPY
}

pub class Format {
  pub static inflight symbol(c: Currency): str {
    if c == Currency.EUR {
      return "€";
    } else if c == Currency.USD {
      return "$";
    }
    return "¥";
  }
  pub static inflight decimals(c: Currency): num {
    if c == Currency.JPY {
      return 0;
    }
    return 2;
  }
}
