// Inflight recursion at least 10,000 calls deep (issue 9; Wing on Node.js
// stops at about 8,000): a recursive walk down a long chain of entries,
// mutual recursion, and a recursive closure.
bring cloud;

struct Entry {
  value: num;
  next: Entry?;
}

class Ledger {
  pub static inflight total(entry: Entry?): num {
    if let e = entry {
      return e.value + Ledger.total(e.next);
    }
    return 0;
  }
  pub static inflight isEven(n: num): bool {
    if n == 0 {
      return true;
    }
    return Ledger.isOdd(n - 1);
  }
  pub static inflight isOdd(n: num): bool {
    if n == 0 {
      return false;
    }
    return Ledger.isEven(n - 1);
  }
}

let totals = new cloud.Function(inflight (input) => {
  let n = num.fromStr(input?.asStr() ?? "0");
  let var chain: Entry? = nil;
  for i in 0..n {
    chain = Entry { value: 2, next: chain };
  }
  return Json Ledger.total(chain);
}) as "totals";

test "a chain of 15,000 entries summed recursively" {
  assert(totals.invoke(Json "15000") == Json 30000);
}

test "mutual recursion 15,000 deep" {
  assert(Ledger.isEven(15000));
  assert(Ledger.isOdd(14999));
}
