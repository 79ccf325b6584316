// A sales report from CSV text: parsing rows, grouping totals by region in
// a MutMap, computing averages and formatting a summary line per region.
bring math;
bring expect;

let csv = "region,rep,amount\neu,ann,120\nus,bob,80\neu,cy,60\nap,dee,200\nus,eve,40";

struct Sale {
  region: str;
  rep: str;
  amount: num;
}

let parse = (text: str): Array<Sale> => {
  let rows = MutArray<Sale>[];
  let lines = text.split("\n");
  for i in 1..lines.length {
    let cols = lines.at(i).split(",");
    rows.push(Sale { region: cols.at(0), rep: cols.at(1), amount: num.fromStr(cols.at(2)) });
  }
  return rows.copy();
};

let sales = parse(csv);

test "rows parsed preflight" {
  expect.equal(sales.length, 5);
  expect.equal(sales.at(3).rep, "dee");
}

test "totals and averages by region" {
  let totals = MutMap<num>{};
  let counts = MutMap<num>{};
  for s in sales {
    totals.set(s.region, (totals.tryGet(s.region) ?? 0) + s.amount);
    counts.set(s.region, (counts.tryGet(s.region) ?? 0) + 1);
  }
  let lines = MutArray<str>[];
  for r in totals.keys() {
    let avg = math.round(totals.get(r) / counts.get(r));
    lines.push("{r}: total={totals.get(r)} avg={avg}");
  }
  expect.equal(lines.join("; "), "eu: total=180 avg=90; us: total=120 avg=60; ap: total=200 avg=200");
  let amounts = MutArray<num>[];
  for s in sales {
    amounts.push(s.amount);
  }
  expect.equal(math.max(amounts.copy()), 200);
  expect.equal(math.min(amounts.copy()), 40);
}
