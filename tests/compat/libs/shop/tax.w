internal class Tax {
  internal static apply(amount: num): num {
    return amount + amount / 10;
  }
}
