// A music playlist held in immutable arrays: length, at, tryAt, indexing,
// contains, indexOf, lastIndexOf, concat, join, slice, copyMut (and MutArray.copy back to an Array).
bring expect;

let morning = ["intro", "sunrise", "coffee", "sunrise"];
let evening = ["dusk", "outro"];

test "reading the playlist" {
  expect.equal(morning.length, 4);
  expect.equal(morning.at(1), "sunrise");
  expect.equal(morning[2], "coffee");
  expect.equal(morning.tryAt(10) ?? "none", "none");
  expect.equal(morning.tryAt(0) ?? "none", "intro");
  assert(morning.contains("coffee"));
  assert(!morning.contains("jazz"));
  expect.equal(morning.indexOf("sunrise"), 1);
  expect.equal(morning.lastIndexOf("sunrise"), 3);
  expect.equal(morning.indexOf("jazz"), -1);
}

test "combining and slicing" {
  let day = morning.concat(evening);
  expect.equal(day.length, 6);
  expect.equal(day.join(" > "), "intro > sunrise > coffee > sunrise > dusk > outro");
  expect.equal(day.slice(4).join(","), "dusk,outro");
  expect.equal(day.slice(1, 3).join(","), "sunrise,coffee");
  expect.equal(evening.join(), "dusk,outro");
}

test "copies" {
  let editable = evening.copyMut();
  editable.push("encore");
  expect.equal(editable.length, 3);
  expect.equal(evening.length, 2);
  expect.equal(editable.at(2), "encore");
  let frozen = editable.copy();
  editable.pop();
  expect.equal(frozen.length, 3);
  expect.equal(editable.length, 2);
}

test "empty arrays" {
  let none = Array<str>[];
  expect.equal(none.length, 0);
  expect.equal(none.join("-"), "");
  assert(none.tryAt(0) == nil);
}
