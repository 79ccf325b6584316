// Printing an aligned text table: column widths computed from the data,
// padding helpers, numbers right-aligned, a separator row, and the whole
// table built preflight and checked inflight.
bring expect;

struct Row {
  name: str;
  region: str;
  revenue: num;
}

class Table {
  pub static padRight(s: str, width: num): str {
    let var out = s;
    while out.length < width {
      out += " ";
    }
    return out;
  }
  pub static padLeft(s: str, width: num): str {
    let var out = s;
    while out.length < width {
      out = " " + out;
    }
    return out;
  }
  pub static render(rows: Array<Row>): str {
    let var w1 = "name".length;
    let var w2 = "region".length;
    let var w3 = "revenue".length;
    for r in rows {
      if r.name.length > w1 {
        w1 = r.name.length;
      }
      if r.region.length > w2 {
        w2 = r.region.length;
      }
      if "{r.revenue}".length > w3 {
        w3 = "{r.revenue}".length;
      }
    }
    let lines = MutArray<str>[];
    lines.push("{Table.padRight("name", w1)} | {Table.padRight("region", w2)} | {Table.padLeft("revenue", w3)}");
    let var sep = "";
    for i in 0..(w1 + w2 + w3 + 6) {
      sep += "-";
    }
    lines.push(sep);
    for r in rows {
      lines.push("{Table.padRight(r.name, w1)} | {Table.padRight(r.region, w2)} | {Table.padLeft("{r.revenue}", w3)}");
    }
    return lines.join("\n");
  }
}

let table = Table.render([
  Row { name: "Acme Corp", region: "eu", revenue: 1200 },
  Row { name: "Globex", region: "north-am", revenue: 75.5 }
]);

test "the rendered table" {
  let lines = table.split("\n");
  expect.equal(lines.length, 4);
  expect.equal(lines.at(0), "name      | region   | revenue");
  expect.equal(lines.at(1), "------------------------------");
  expect.equal(lines.at(2), "Acme Corp | eu       |    1200");
  expect.equal(lines.at(3), "Globex    | north-am |    75.5");
}
