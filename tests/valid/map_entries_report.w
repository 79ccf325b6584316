// `Map.entries()` gives the `key` and `value` of every entry, typed by the
// map's value type, preflight and inflight.
let stock = { "apples" => 12, "pears" => 0, "plums" => 7 };
let prices = MutMap<str>{ "apples" => "0.5", "plums" => "1.2" };

let countAll = (m: Map<num>): num => {
  let var total = 0;
  for entry in m.entries() {
    total += entry.value;
  }
  return total;
};
let totalPreflight = countAll(stock);

test "entries of an immutable map" {
  let var inStock = MutArray<str>[];
  let var total = 0;
  for entry in stock.entries() {
    if entry.value > 0 {
      inStock.push(entry.key);
    }
    total += entry.value;
  }
  assert(inStock.join(",") == "apples,plums");
  assert(total == 19);
  assert(totalPreflight == 19);
}

test "entries of a mutable map are strings here" {
  let lines = MutArray<str>[];
  for e in prices.entries() {
    lines.push("{e.key}={e.value.length}");
  }
  assert(lines.join(";") == "apples=3;plums=3");
  assert(prices.entries().length == 2);
}
