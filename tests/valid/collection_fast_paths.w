// A warehouse stock ledger: the collection members inner loops call most
// (`at`, `length`, `set`, `push` of arrays; `get`, `tryGet`, `has`, `set`
// of maps) have typed host functions (runtime/src/host/fast_paths.rs).
// They must give what the generic std bridge gives: the same values for
// numbers and strings, the same errors, and the same memory accounting
// (a replaced value is given back, so overwriting in a loop stays within
// a small invocation).
bring cloud;
bring expect;

let restock = new cloud.Function(inflight (event: Json?): Json? => {
  // The same ten shelves and one counter rewritten 1,500,000 times: what
  // each write replaces is given back to the budget.
  let shelves = MutArray<str>["", "", "", "", "", "", "", "", "", ""];
  let latest = MutMap<str>{};
  for i in 0..1500000 {
    shelves.set(i % 10, "pallet {i}");
    latest.set("dock", "pallet {i}");
  }
  return "{shelves.at(9)} {latest.get("dock")}";
}, memory: 64) as "restock";

test "numbers: push, at, set, length" {
  let counts = MutArray<num>[];
  for i in 0..100 {
    counts.push(i * 3);
  }
  expect.equal(counts.length, 100);
  expect.equal(counts.at(0), 0);
  expect.equal(counts.at(99), 297);
  counts.set(5, -1.5);
  expect.equal(counts.at(5), -1.5);
  let frozen: Array<num> = counts.copy();
  expect.equal(frozen.at(5), -1.5);
  expect.equal(frozen.length, 100);
  counts.push(1, 2, 3);
  expect.equal(counts.length, 103);
  expect.equal(counts.at(102), 3);
}

test "strings and nested arrays: push, at, set" {
  let skus = MutArray<str>[];
  skus.push("A-100");
  skus.push("B-200", "C-300");
  skus.set(1, "B-201");
  expect.equal(skus.at(1), "B-201");
  expect.equal(skus.length, 3);
  let bins = MutArray<Array<str>>[];
  bins.push(["x", "y"]);
  bins.push(["z"]);
  expect.equal(bins.length, 2);
  expect.equal(bins.at(0).length, 2);
  expect.equal(bins.at(1).at(0), "z");
}

test "positions out of range raise Index out of bounds" {
  let stock = MutArray<num>[1, 2, 3];
  let var errors = MutArray<str>[];
  try {
    stock.at(3);
  } catch e {
    errors.push(e);
  }
  try {
    stock.at(-1);
  } catch e {
    errors.push(e);
  }
  // Wing gives `undefined` here (JavaScript's `[1.5]`); a position that
  // is not a whole number is out of bounds.
  try {
    stock.at(1.5);
  } catch e {
    errors.push(e);
  }
  try {
    stock.set(7, 0);
  } catch e {
    errors.push(e);
  }
  let names = MutArray<str>["a"];
  try {
    names.at(1);
  } catch e {
    errors.push(e);
  }
  expect.equal(errors.length, 5);
  for error in errors {
    expect.equal(error, "Index out of bounds");
  }
  expect.equal(stock.at(2), 3);
}

test "maps: set, get, tryGet, has" {
  let onHand = MutMap<num>{};
  let owner = MutMap<str>{};
  for sku in ["A-100", "B-200", "A-100", "C-300", "A-100"] {
    onHand.set(sku, (onHand.tryGet(sku) ?? 0) + 1);
    owner.set(sku, "team {sku}");
  }
  expect.equal(onHand.get("A-100"), 3);
  expect.equal(onHand.get("C-300"), 1);
  expect.equal(onHand.tryGet("D-400"), nil);
  expect.equal(onHand.has("B-200"), true);
  expect.equal(onHand.has("D-400"), false);
  expect.equal(owner.get("B-200"), "team B-200");
  expect.equal(owner.tryGet("D-400"), nil);
  expect.equal(onHand.keys(), ["A-100", "B-200", "C-300"]);
  let frozen: Map<num> = onHand.copy();
  expect.equal(frozen.get("A-100"), 3);
  expect.equal(frozen.has("C-300"), true);
  let var missing = "";
  try {
    onHand.get("D-400");
  } catch e {
    missing = e;
  }
  // Wing names the class here: `MutMap does not contain key`.
  expect.equal(missing, "Map does not contain key: \"D-400\"");
  let var absent = "";
  try {
    frozen.get("D-400");
  } catch e {
    absent = e;
  }
  expect.equal(absent, "Map does not contain key: \"D-400\"");
}

test "overwriting 1,500,000 times stays within 64 MB" {
  expect.equal(restock.invoke(nil), "pallet 1499999 pallet 1499999");
}
