// Calling a user function with more arguments than it declares.
let formatPrice = (amount: num, currency: str): str => {
  return "{amount} {currency}";
};

log(formatPrice(12.5, "EUR", 2));
