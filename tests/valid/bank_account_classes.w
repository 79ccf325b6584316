// A bank account class: fields (`var` when reassigned), a constructor,
// `pub` and private members,
// `this`, methods calling methods, and preflight objects whose state is
// computed at compile time and read inflight through pub fields.
bring expect;

class Account {
  pub owner: str;
  pub var balance: num;
  history: MutArray<str>;
  new(owner: str, opening: num) {
    this.owner = owner;
    this.balance = opening;
    this.history = MutArray<str>[];
    this.record("open {opening}");
  }
  record(entry: str) {
    this.history.push(entry);
  }
  pub deposit(amount: num) {
    if amount <= 0 {
      throw "deposit must be positive";
    }
    this.balance += amount;
    this.record("deposit {amount}");
  }
  pub withdraw(amount: num): bool {
    if amount > this.balance {
      this.record("declined {amount}");
      return false;
    }
    this.balance -= amount;
    this.record("withdraw {amount}");
    return true;
  }
  pub statement(): str {
    return this.history.join("; ");
  }
}

let acct = new Account("ada", 100);
acct.deposit(50);
let ok = acct.withdraw(30);
let declined = acct.withdraw(1000);
let finalBalance = acct.balance;
let statement = acct.statement();

test "preflight account activity" {
  expect.equal(finalBalance, 120);
  assert(ok);
  assert(!declined);
  expect.equal(statement, "open 100; deposit 50; withdraw 30; declined 1000");
  expect.equal(acct.owner, "ada");
}

inflight class Wallet {
  pub var coins: num;
  new() {
    this.coins = 0;
  }
  pub add(n: num): Wallet {
    this.coins += n;
    return this;
  }
}

test "inflight objects and pub var fields" {
  let w = new Wallet();
  w.add(3).add(4);
  expect.equal(w.coins, 7);
  w.coins = 1;
  expect.equal(w.add(1).coins, 2);
}
