// Parsing the minute and hour fields of cron expressions: `*`, `*/n`
// steps, `a-b` ranges and comma lists expanded with `..=` ranges, then
// finding the next run time of the day.
bring expect;

inflight class CronField {
  pub static expand(field: str, max: num): Array<num> {
    let out = MutArray<num>[];
    for part in field.split(",") {
      if part == "*" {
        for i in 0..=max {
          out.push(i);
        }
      } else if part.startsWith("*/") {
        let step = num.fromStr(part.substring(2));
        let var i = 0;
        while i <= max {
          out.push(i);
          i += step;
        }
      } else if part.contains("-") {
        let bounds = part.split("-");
        for i in num.fromStr(bounds.at(0))..=num.fromStr(bounds.at(1)) {
          out.push(i);
        }
      } else {
        out.push(num.fromStr(part));
      }
    }
    return out.copy();
  }
  pub static next(expr: str, hour: num, minute: num): str {
    let fields = expr.split(" ");
    let minutes = CronField.expand(fields.at(0), 59);
    let hours = CronField.expand(fields.at(1), 23);
    for h in hours {
      for m in minutes {
        if h > hour || (h == hour && m > minute) {
          let mm = "{m}";
          if m < 10 {
            return "{h}:0{mm}";
          }
          return "{h}:{mm}";
        }
      }
    }
    return "tomorrow";
  }
}

test "field expansion" {
  expect.equal(CronField.expand("*/15", 59).join(","), "0,15,30,45");
  expect.equal(CronField.expand("1-3,10", 59).join(","), "1,2,3,10");
  expect.equal(CronField.expand("*", 5).length, 6);
}

test "next run" {
  expect.equal(CronField.next("*/15 9-17 * * *", 9, 20), "9:30");
  expect.equal(CronField.next("0,5 9-17 * * *", 9, 5), "10:00");
  expect.equal(CronField.next("0 9 * * *", 9, 0), "tomorrow");
  expect.equal(CronField.next("5 * * * *", 23, 1), "23:05");
}
