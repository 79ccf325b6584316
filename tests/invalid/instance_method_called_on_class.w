// An instance method needs an instance: it cannot be called on the class.
class Tax {
  rate: num;
  new(rate: num) {
    this.rate = rate;
  }
  pub apply(amount: num): num {
    return amount * (1 + this.rate);
  }
}

log("{Tax.apply(100)}");
