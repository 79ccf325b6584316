// A bank ledger persisted in a bucket: balances as text objects, transfers
// that check funds and throw, exists/tryGet/delete/list, and a rollback in
// `catch` when the second half of a transfer fails.
bring cloud;
bring expect;

class Ledger {
  balances: cloud.Bucket;
  new() {
    this.balances = new cloud.Bucket();
  }
  pub inflight open(account: str, amount: num) {
    if this.balances.exists(account) {
      throw "account {account} exists";
    }
    this.balances.put(account, "{amount}");
  }
  pub inflight balance(account: str): num {
    if let text = this.balances.tryGet(account) {
      return num.fromStr(text);
    }
    throw "no account {account}";
  }
  pub inflight transfer(from: str, to: str, amount: num) {
    let before = this.balance(from);
    if amount > before {
      throw "insufficient funds in {from}: {before} < {amount}";
    }
    this.balances.put(from, "{before - amount}");
    try {
      this.balances.put(to, "{this.balance(to) + amount}");
    } catch e {
      this.balances.put(from, "{before}");
      throw "transfer rolled back: {e}";
    }
  }
  pub inflight close(account: str): num {
    let b = this.balance(account);
    this.balances.delete(account);
    return b;
  }
  pub inflight accounts(): Array<str> {
    return this.balances.list();
  }
}

let ledger = new Ledger();

test "transfers move money" {
  ledger.open("alice", 100);
  ledger.open("bob", 20);
  ledger.transfer("alice", "bob", 30);
  expect.equal(ledger.balance("alice"), 70);
  expect.equal(ledger.balance("bob"), 50);
  expect.equal(ledger.accounts().join(","), "alice,bob");
}

test "failures leave balances unchanged" {
  ledger.open("carol", 10);
  let var err = "";
  try {
    ledger.transfer("carol", "dave", 5);
  } catch e {
    err = e;
  }
  expect.equal(err, "transfer rolled back: no account dave");
  expect.equal(ledger.balance("carol"), 10);
  try {
    ledger.transfer("carol", "carol", 50);
  } catch e {
    err = e;
  }
  expect.equal(err, "insufficient funds in carol: 10 < 50");
  expect.equal(ledger.close("carol"), 10);
  expect.equal(ledger.accounts().length, 0);
}
