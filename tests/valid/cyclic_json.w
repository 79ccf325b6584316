// A MutJson that contains itself (directly, through another value, through
// an array) in every operation that walks it (issue 14): printing,
// stringify, throw, deep copies, fromJson and bucket.putJson end with a
// Wing error, as in Wing ("Converting circular structure to JSON"), in
// preflight and inflight code alike; keys, values and == do not walk into
// the cycle and work (two cycles of the same shape are equal).
bring cloud;
bring expect;

struct Node {
  value: num;
  next: Node?;
}

let problem = inflight (f: inflight (): void): str => {
  try {
    f();
  } catch e {
    return e;
  }
  return "no error";
};

let circular = "Converting circular structure to JSON: the value at `self` is one that contains it";

// Preflight: each operation fails with a Wing error a `try` catches.
let pre = MutJson { a: 1 };
pre.set("self", pre);
let preflightProblems = MutArray<str>[];
try {
  log("{pre}");
} catch e {
  preflightProblems.push(e);
}
try {
  Json.stringify(pre);
} catch e {
  preflightProblems.push(e);
}
try {
  Json.deepCopy(pre);
} catch e {
  preflightProblems.push(e);
}
let preNode = MutJson { value: 1 };
preNode.set("next", preNode);
try {
  Node.fromJson(preNode);
} catch e {
  preflightProblems.push(e);
}
let preflightKeys = Json.keys(pre);
let preflightSame = pre == pre;
let preflightList = preflightProblems.copy();

test "preflight operations on a cycle" {
  expect.equal(preflightList, [circular, circular, circular, "unable to parse Node: field \"next\" refers back to a value that contains it"]);
  expect.equal(preflightKeys, ["a", "self"]);
  assert(preflightSame);
}

let store = new cloud.Bucket();

test "inflight operations on a cycle" {
  let c = MutJson { a: 1 };
  c.set("self", c);
  expect.equal(problem(inflight () => {
    log("{c}");
  }), circular);
  expect.equal(problem(inflight () => {
    Json.stringify(c, indent: 2);
  }), circular);
  expect.equal(problem(inflight () => {
    throw "bad: {c}";
  }), circular);
  expect.equal(problem(inflight () => {
    Json.deepCopy(c);
  }), circular);
  expect.equal(problem(inflight () => {
    Json.deepCopyMut(c);
  }), circular);
  expect.equal(problem(inflight () => {
    store.putJson("k", c);
  }), circular);
  expect.equal(Json.keys(c), ["a", "self"]);
  expect.equal(Json.values(c).length, 2);
}

test "cycles through another value and through arrays" {
  let c = MutJson { a: 1 };
  let d = MutJson { b: 2 };
  c.set("d", d);
  d.set("c", c);
  expect.equal(
    problem(inflight () => {
      log(Json.stringify(c));
    }),
    "Converting circular structure to JSON: the value at `d.c` is one that contains it"
  );
  let list = MutJson [1, 2];
  list.setAt(1, list);
  expect.equal(problem(inflight () => {
    log("{list}");
  }), "Converting circular structure to JSON: the value at `[1]` is one that contains it");
  let n = MutJson { value: 1 };
  n.set("next", n);
  expect.equal(problem(inflight () => {
    Node.fromJson(n);
  }), "unable to parse Node: field \"next\" refers back to a value that contains it");
}

test "cycles of the same shape are equal" {
  let c = MutJson { a: 1 };
  c.set("self", c);
  let d = MutJson { a: 1 };
  d.set("self", d);
  let e = MutJson { a: 1 };
  e.set("self", MutJson { a: 1 });
  assert(c == c);
  assert(c == d);
  assert(c != e);
}
