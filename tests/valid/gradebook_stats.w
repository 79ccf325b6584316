// A gradebook: scores per student in a `Map<Array<num>>`, mean, median
// (after sorting a copy), standard deviation with math.sqrt, and letter
// grades from thresholds.
bring math;
bring expect;

let scores = {
  "ada" => [92, 88, 97],
  "bob" => [71, 64, 80, 77],
  "cy" => [55, 62]
};

inflight class Stats {
  pub static mean(xs: Array<num>): num {
    let var s = 0;
    for x in xs {
      s += x;
    }
    return s / xs.length;
  }
  pub static median(xs: Array<num>): num {
    let sorted = MutArray<num>[];
    for x in xs {
      let var i = 0;
      while i < sorted.length && sorted.at(i) < x {
        i += 1;
      }
      sorted.insert(i, x);
    }
    let mid = sorted.length \ 2;
    if sorted.length % 2 == 0 {
      return (sorted.at(mid - 1) + sorted.at(mid)) / 2;
    }
    return sorted.at(mid);
  }
  pub static stddev(xs: Array<num>): num {
    let m = Stats.mean(xs);
    let var sq = 0;
    for x in xs {
      sq += (x - m) ** 2;
    }
    return math.sqrt(sq / xs.length);
  }
  pub static letter(score: num): str {
    if score >= 90 {
      return "A";
    } else if score >= 80 {
      return "B";
    } else if score >= 70 {
      return "C";
    } else if score >= 60 {
      return "D";
    }
    return "F";
  }
}

test "per-student statistics" {
  expect.equal(Stats.mean(scores.get("ada")), 92.33333333333333);
  expect.equal(Stats.median(scores.get("bob")), 74);
  expect.equal(Stats.median(scores.get("ada")), 92);
  expect.equal(math.round(Stats.stddev(scores.get("cy")) * 100) / 100, 3.5);
}

test "letter grades" {
  let var report = "";
  for name in scores.keys() {
    report += "{name}={Stats.letter(Stats.mean(scores.get(name)))} ";
  }
  expect.equal(report.trim(), "ada=A bob=C cy=F");
}
