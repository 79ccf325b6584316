// Accounts with inheritance and overriding.
class Account {
  pub var balance: num;
  new(opening: num) {
    this.balance = opening;
  }
  pub deposit(amount: num) {
    this.balance += amount;
  }
  pub withdraw(amount: num) {
    if amount > this.balance {
      throw "insufficient funds";
    }
    this.balance -= amount;
  }
}

class Savings extends Account {
  rate: num;
  new(opening: num, rate: num) {
    super(opening);
    this.rate = rate;
  }
  pub addInterest() {
    this.deposit(this.balance * this.rate);
  }
}

let s = new Savings(100, 0.5);
s.addInterest();
s.withdraw(50);
let finalBalance = s.balance;

test "accounts" {
  assert(finalBalance == 100);
}
