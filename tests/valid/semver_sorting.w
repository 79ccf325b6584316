// Sorting release versions: parsing "major.minor.patch" strings, a
// comparator returning a number, a generic insertion sort taking the
// comparator as a function value, and picking the latest stable release.
bring expect;

let releases = ["1.10.0", "1.2.3", "2.0.0-beta", "1.2.10", "0.9.9", "2.0.0"];

test "sorting with a comparator function" {
  let parse = (v: str): Array<num> => {
    let core = v.split("-").at(0);
    let out = MutArray<num>[];
    for p in core.split(".") {
      out.push(num.fromStr(p));
    }
    return out.copy();
  };
  let compare = (a: str, b: str): num => {
    let pa = parse(a);
    let pb = parse(b);
    for i in 0..3 {
      if pa.at(i) != pb.at(i) {
        return pa.at(i) - pb.at(i);
      }
    }
    let aPre = a.contains("-");
    let bPre = b.contains("-");
    if aPre && !bPre {
      return -1;
    } else if bPre && !aPre {
      return 1;
    }
    return 0;
  };
  let sort = (items: Array<str>, cmp: (str, str): num): Array<str> => {
    let out = MutArray<str>[];
    for item in items {
      let var i = out.length;
      while i > 0 && cmp(out.at(i - 1), item) > 0 {
        i -= 1;
      }
      out.insert(i, item);
    }
    return out.copy();
  };
  let sorted = sort(releases, compare);
  expect.equal(sorted.join(" "), "0.9.9 1.2.3 1.2.10 1.10.0 2.0.0-beta 2.0.0");
  let descending = sort(releases, (a: str, b: str): num => {
    return compare(b, a);
  });
  expect.equal(descending.at(0), "2.0.0");
  let var latestStable = "";
  for v in sorted {
    if !v.contains("-") {
      latestStable = v;
    }
  }
  expect.equal(latestStable, "2.0.0");
}
