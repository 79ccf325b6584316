// Paginating search results with ranges: `a..b` (exclusive), `a..=b`
// (inclusive), descending ranges, ranges over computed bounds, and nested
// loops where `break` leaves only the innermost loop.
bring expect;

let results = ["r0", "r1", "r2", "r3", "r4", "r5", "r6"];

let pageCount = (total: num, size: num): num => {
  return (total + size - 1) \ size;
};
let pages = pageCount(results.length, 3);

test "pages of three" {
  expect.equal(pages, 3);
  let out = MutArray<str>[];
  for p in 0..pages {
    let start = p * 3;
    let var end = start + 3;
    if end > results.length {
      end = results.length;
    }
    out.push(results.slice(start, end).join(""));
  }
  expect.equal(out.join("|"), "r0r1r2|r3r4r5|r6");
}

test "inclusive and descending ranges" {
  let var inclusive = "";
  for i in 1..=3 {
    inclusive += "{i}";
  }
  expect.equal(inclusive, "123");
  let var down = "";
  for i in 5..0 {
    down += "{i}";
  }
  expect.equal(down, "54321");
  let var downIncl = "";
  for i in 3..=0 {
    downIncl += "{i}";
  }
  expect.equal(downIncl, "3210");
  let var empty = 0;
  for i in 2..2 {
    empty += 1;
  }
  expect.equal(empty, 0);
}

test "page links around the current page" {
  let current = 5;
  let last = 9;
  let links = MutArray<num>[];
  for p in current - 2..=current + 2 {
    if p < 1 || p > last {
      continue;
    }
    links.push(p);
  }
  expect.equal(links.join(","), "3,4,5,6,7");
}

test "searching a grid stops at the first hit" {
  let grid = [[0, 0, 0], [0, 7, 0], [0, 0, 7]];
  let var found = "";
  for row in 0..grid.length {
    for col in 0..grid.at(row).length {
      if grid.at(row).at(col) == 7 {
        found = "{row},{col}";
        break;
      }
    }
    if found != "" {
      break;
    }
  }
  expect.equal(found, "1,1");
}
