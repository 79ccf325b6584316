// A class cannot declare two members with the same name.
class Account {
  pub balance: num;
  new() {
    this.balance = 0;
  }
  pub balance(): num {
    return this.balance;
  }
}
