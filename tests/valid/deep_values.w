// Values nested far deeper than any real data (issue 14): printing or
// copying one stops with a Wing error past 1,000 levels; comparing and
// dropping them works at any depth, preflight and inflight.
bring expect;

let nest = (levels: num): MutJson => {
  let var value = MutJson { leaf: true };
  for i in 0..levels {
    value = MutJson { inner: value };
  }
  return value;
};

let shallow = nest(999);
let deep = nest(1000);
let preflightShallow = Json.stringify(shallow).length;
let var preflightDeep = "";
try {
  Json.stringify(deep);
} catch e {
  preflightDeep = e;
}
let huge = nest(20000);
let preflightEqual = huge == nest(20000);
let preflightDeepFinal = preflightDeep;

let nestInflight = inflight (levels: num): MutJson => {
  let var value = MutJson { leaf: true };
  for i in 0..levels {
    value = MutJson { inner: value };
  }
  return value;
};

test "printing stops at the depth limit" {
  expect.equal(preflightShallow, 9 * 999 + 13 + 999);
  expect.equal(preflightDeepFinal, "the value is nested more than 1000 levels deep");
  let var problem = "";
  try {
    log("{nestInflight(1000)}");
  } catch e {
    problem = e;
  }
  expect.equal(problem, "the value is nested more than 1000 levels deep");
  expect.equal(Json.stringify(nestInflight(999)).length, 9 * 999 + 13 + 999);
}

test "very deep values compare and go away" {
  assert(preflightEqual);
  let a = nestInflight(20000);
  let b = nestInflight(20000);
  assert(a == b);
  assert(a != nestInflight(19999));
}
