// Warehouse stock levels in an immutable Map: get, tryGet, has, keys,
// values, size, copy, copyMut and `m["k"]` indexing.
bring expect;

let stock = { "apple" => 12, "pear" => 0, "plum" => 7 };

test "lookups" {
  expect.equal(stock.get("apple"), 12);
  expect.equal(stock["plum"], 7);
  assert(stock.has("pear"));
  assert(!stock.has("kiwi"));
  expect.equal(stock.tryGet("kiwi") ?? -1, -1);
  expect.equal(stock.size(), 3);
}

test "keys and values" {
  expect.equal(stock.keys().join(","), "apple,pear,plum");
  let var total = 0;
  for v in stock.values() {
    total += v;
  }
  expect.equal(total, 19);
  let var outOfStock = "";
  for k in stock.keys() {
    if stock.get(k) == 0 {
      outOfStock = k;
    }
  }
  expect.equal(outOfStock, "pear");
}

test "copies diverge" {
  let editable = stock.copyMut();
  editable.set("kiwi", 4);
  expect.equal(editable.size(), 4);
  expect.equal(stock.size(), 3);
  let frozen = editable.copy();
  editable.delete("kiwi");
  expect.equal(frozen.get("kiwi"), 4);
}

test "missing keys throw on get" {
  let var error = "";
  try {
    stock.get("mango");
  } catch e {
    error = e;
  }
  assert(error.length > 0);
}
