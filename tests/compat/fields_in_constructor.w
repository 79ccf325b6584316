// Fields declared without `var` get their value in the constructor;
// inflight fields get theirs in the inflight constructor.
bring cloud;

class Account {
  owner: str;
  limit: num;
  store: cloud.Bucket;
  inflight openedAt: str;
  new(owner: str, limit: num) {
    this.owner = owner;
    this.limit = limit * 100;
    this.store = new cloud.Bucket();
  }
  inflight new() {
    this.openedAt = "boot";
  }
  pub inflight deposit(cents: num): str {
    if cents > this.limit {
      throw "over limit";
    }
    this.store.put(this.owner, "{cents}");
    return "{this.owner}:{cents}:{this.openedAt}";
  }
}

let acct = new Account("ada", 5);

test "constructor-assigned fields" {
  assert(acct.deposit(300) == "ada:300:boot");
  let var failed = false;
  try {
    acct.deposit(600);
  } catch e {
    failed = e == "over limit";
  }
  assert(failed);
}
