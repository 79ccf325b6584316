// Reporting over a map with `entries()`.
let stock = { "apples" => 3, "pears" => 0, "plums" => 12 };

let lowStock = inflight (m: Map<num>): Array<str> => {
  let out = MutArray<str>[];
  for e in m.entries() {
    if e.value < 5 {
      out.push(e.key);
    }
  }
  return out.copy();
};

test "entries give keys and values" {
  let low = lowStock(stock);
  assert(low.length == 2);
  assert(low.contains("apples"));
  assert(low.contains("pears"));
  let var total = 0;
  for e in stock.entries() {
    total += e.value;
  }
  assert(total == 15);
}
