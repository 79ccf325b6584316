// One invocation works through 200,000 messages within 64 MB: every
// value an iteration makes (the interpolated message, the parts `split`
// gives, an element read out, the boxed count `tryGet` gives) is dropped
// once nothing holds it, and its slot is used again, so memory follows
// what is live, not what was ever made (spec/abi.md, "Reclaiming values").
bring cloud;
bring expect;

let tally = new cloud.Function(inflight (event: Json?): Json? => {
  let counts = MutMap<num>{};
  let var longest = 0;
  for i in 0..200000 {
    let message = "order-{i},customer-{i % 97},{i % 13 == 0}";
    let fields = message.split(",");
    let customer = fields.at(1);
    counts.set(customer, (counts.tryGet(customer) ?? 0) + 1);
    if message.length > longest {
      longest = message.length;
    }
    if fields.at(2) == "true" && !customer.startsWith("customer-") {
      throw "unexpected message {message}";
    }
  }
  return "{counts.keys().length} {longest} {counts.get("customer-7")}";
}, memory: 64) as "tally";

// A compiled helper called with a fresh argument: what the call does not
// give back is dropped after it.
let normalize = new cloud.Function(inflight (event: Json?): Json? => {
  let cleanLength = (raw: str): num => {
    return raw.trim().lowercase().length;
  };
  let var total = 0;
  for i in 0..1000000 {
    total = total + cleanLength("  Customer-{i % 97}  ");
  }
  return "{total}";
}, memory: 64) as "normalize";

// A parser that fails on every other line: the values its owning variables
// held when it threw are dropped as the error leaves it.
let importer = new cloud.Function(inflight (event: Json?): Json? => {
  let priceOf = (line: str): num => {
    let fields = line.split(",");
    let label = fields.at(0).uppercase();
    if fields.length < 2 {
      throw "no price on line {label}";
    }
    return num.fromStr(fields.at(1));
  };
  let var total = 0;
  let var rejected = 0;
  for i in 0..200000 {
    try {
      if i % 2 == 0 {
        total = total + priceOf("widget {i},3");
      } else {
        total = total + priceOf("widget {i}");
      }
    } catch {
      rejected = rejected + 1;
    }
  }
  return "{total} {rejected}";
}, memory: 32) as "importer";

// A variable set on every iteration and never read (a result kept for a
// debugger, a call made for its check): its last value is dropped when
// the declaration runs again, like any other.
let validator = new cloud.Function(inflight (event: Json?): Json? => {
  let row = MutArray<str>[];
  for i in 0..2000 {
    row.push("cell{i}");
  }
  let line = row.join(",");
  for i in 0..3000 {
    let cells = line.split(",");
  }
  return "{line.length}";
}, memory: 64) as "validator";

// A helper that gives back a value the host made for it: the caller owns
// the result and drops it once used (an operand, a variable set again).
let labeler = new cloud.Function(inflight (event: Json?): Json? => {
  let label = (i: num): str => {
    if i % 100 == 0 {
      return "round-{i}".uppercase();
    }
    return "item-{i % 100}".uppercase();
  };
  let var total = 0;
  let var rounds = 0;
  for i in 0..500000 {
    total = total + label(i).length;
    let shown = label(i + 1);
    if shown.startsWith("ROUND-") {
      rounds = rounds + 1;
    }
  }
  return "{total} {rounds}";
}, memory: 32) as "labeler";

// A session document rewritten in place: what `set`, `setAt` and `clear`
// of MutJson, MutArray and MutMap replace or remove is given back.
let sessions = new cloud.Function(inflight (event: Json?): Json? => {
  let session = MutJson { user: "", trail: ["", ""] };
  let recent = MutArray<str>[];
  let seen = MutMap<str>{};
  for i in 0..400000 {
    session.set("user", "visitor-{i}");
    session.get("trail").setAt(i % 2, "page-{i}");
    recent.push("page-{i}");
    seen.set("page-{i % 7}", "visitor-{i}");
    if recent.length == 100 {
      recent.clear();
      seen.clear();
    }
  }
  return "{session.get("user").asStr()} {session.get("trail").getAt(0).asStr()} {recent.length}";
}, memory: 32) as "sessions";

// Methods that give back a value the host made for them: what a call of
// one gives its caller is dropped once used, through a dispatcher too.
inflight class Badge {
  pub tag(i: num): str {
    return "badge-{i % 10}".uppercase();
  }
  pub static plain(i: num): str {
    return "plain-{i % 10}";
  }
}
inflight class GoldBadge extends Badge {
  pub tag(i: num): str {
    return "gold-{i % 10}".uppercase();
  }
}
let badges = new cloud.Function(inflight (event: Json?): Json? => {
  let plain = new Badge();
  let gold: Badge = new GoldBadge();
  let var total = 0;
  for i in 0..300000 {
    total = total + plain.tag(i).length + gold.tag(i).length + Badge.plain(i).length;
  }
  return "{total}";
}, memory: 32) as "badges";

// A validator that throws on every other record and catches the error by
// name: each caught message is dropped when the next one takes its place.
let validate = new cloud.Function(inflight (event: Json?): Json? => {
  let var rejected = 0;
  for i in 0..500000 {
    try {
      if i % 2 == 1 {
        throw "record {i} has no id";
      }
    } catch message {
      if message.endsWith("has no id") {
        rejected = rejected + 1;
      }
    }
  }
  return "{rejected}";
}, memory: 32) as "validate";

// Errors raised by a host call whose operands were made for it: the
// interpolated message of a `throw` and the key a failed `get` looked
// for are dropped when the error is caught, here or in a caller.
let lookups = new cloud.Function(inflight (event: Json?): Json? => {
  let prices = MutMap<num>{ "k0" => 1 };
  let checkPrice = (i: num): num => {
    if i % 2 == 1 {
      throw "no price for item number {i} in the catalogue";
    }
    return i;
  };
  let var missing = 0;
  for i in 0..600000 {
    try {
      checkPrice(i);
      prices.get("key number {i} of the catalogue");
    } catch {
      missing = missing + 1;
    }
  }
  return "{missing}";
}, memory: 32) as "lookups";

// A loop over a list a host call made for it (`keys()`): the list is
// dropped when the loop ends, every time the loop runs.
let shelfCheck = new cloud.Function(inflight (event: Json?): Json? => {
  let stock = MutMap<num>{ "apples" => 3, "pears" => 4, "plums" => 5 };
  let var total = 0;
  for i in 0..300000 {
    for name in stock.keys() {
      total = total + name.length;
    }
  }
  return "{total}";
}, memory: 32) as "shelfCheck";

test "200,000 messages in one invocation within 64 MB" {
  expect.equal(tally.invoke(nil), "97 30 2062");
}

test "1,000,000 calls of a compiled helper with a fresh argument within 64 MB" {
  expect.equal(normalize.invoke(nil), "10896900");
}

test "200,000 calls of a helper, half of them throwing, within 32 MB" {
  expect.equal(importer.invoke(nil), "300000 100000");
}

test "3,000 splits into 2,000 cells kept in an unread variable within 64 MB" {
  expect.equal(validator.invoke(nil), "16889");
}

test "1,000,000 calls of a helper giving back a fresh string within 32 MB" {
  expect.equal(labeler.invoke(nil), "3478888 5000");
}

test "400,000 rewrites of a document within 32 MB" {
  expect.equal(sessions.invoke(nil), "visitor-399999 page-399998 0");
}

test "900,000 method calls giving back fresh strings within 32 MB" {
  expect.equal(badges.invoke(nil), "6000000");
}

test "250,000 caught errors within 32 MB" {
  expect.equal(validate.invoke(nil), "250000");
}

test "600,000 errors raised with fresh operands within 32 MB" {
  expect.equal(lookups.invoke(nil), "600000");
}

test "300,000 loops over a fresh list of keys within 32 MB" {
  expect.equal(shelfCheck.invoke(nil), "4800000");
}
