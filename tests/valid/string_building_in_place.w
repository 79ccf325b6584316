// Strings built with `s = s + x` and `s += x`: the runtime grows the
// string in place when nothing else holds it (spec/abi.md, "In-place
// string building"). Whatever else read the string before an append
// (another variable, an array, a map, a closure, a function's result)
// keeps the value it read, and preflight and inflight agree.
bring expect;

let buildPreflight = (n: num): str => {
  let var s = "";
  for i in 0..n {
    s = s + "{i % 10}";
  }
  return s;
};

let built = buildPreflight(30);

inflight class Log {
  pub var text: str;
  new() {
    this.text = "";
  }
  pub add(line: str) {
    this.text += line;
    this.text = this.text + "\n";
  }
}

test "appends give the same text as preflight" {
  let var s = "";
  for i in 0..30 {
    s = s + "{i % 10}";
  }
  expect.equal(s, built);
  expect.equal(s.length, 30);
}

test "a copy taken before an append keeps its value" {
  let var s = "ab";
  s = s + "c";
  let t = s;
  s = s + "d";
  s += "e";
  expect.equal(t, "abc");
  expect.equal(s, "abcde");
  let var u = "x";
  let v = u;
  u = u + "y";
  expect.equal(v, "x");
  expect.equal(u, "xy");
}

test "values stored in collections keep their value" {
  let var s = "";
  let parts = MutArray<str>[];
  let seen = MutMap<str>{};
  for i in 0..5 {
    s = s + "{i}";
    parts.push(s);
    seen.set("k{i}", s);
  }
  expect.equal(parts.join(","), "0,01,012,0123,01234");
  expect.equal(seen.get("k2"), "012");
  expect.equal(s, "01234");
}

test "self-appends and chains read the old value" {
  let var s = "ab";
  s = s + s;
  expect.equal(s, "abab");
  s = s + "-" + s;
  expect.equal(s, "abab-abab");
  s = s + "{s.length}" + "!";
  expect.equal(s, "abab-abab9!");
  let var t = "x";
  t += t;
  t += "{t}{t}";
  expect.equal(t, "xxxxxx");
}

test "a failed piece leaves the string as it was" {
  let var s = "start";
  let fail = (): str => {
    throw "no piece";
  };
  try {
    s = s + "-" + fail();
  } catch e {
    expect.equal(e, "no piece");
  }
  expect.equal(s, "start");
}

test "appends in loops, closures and functions" {
  let makeLine = (n: num): str => {
    let var line = "";
    for i in 0..n {
      line = line + "*";
    }
    return line;
  };
  let lines = MutArray<str>[];
  for n in 1..4 {
    let var row = "";
    row = row + makeLine(n);
    row += "|";
    lines.push(row);
  }
  expect.equal(lines.join(" "), "*| **| ***|");
  let var captured = "";
  let add = (piece: str) => {
    captured = captured + piece;
  };
  add("a");
  add("b");
  captured += "c";
  expect.equal(captured, "abc");
  let log = new Log();
  log.add("one");
  log.add("two");
  expect.equal(log.text, "one\ntwo\n");
}

test "a string returned after appends is the whole string" {
  let build = (): str => {
    let var s = "";
    while s.length < 5 {
      s = s + "z";
    }
    return "{s}";
  };
  let a = build();
  let b = build();
  expect.equal(a, "zzzzz");
  expect.equal(a, b);
}

test "unicode appends keep character positions" {
  let var s = "h";
  s = s + "é";
  s = s + "llo";
  expect.equal(s.length, 5);
  expect.equal(s.at(1), "é");
  expect.equal(s.substring(1, 3), "él");
  expect.equal(s.indexOf("l"), 2);
}
