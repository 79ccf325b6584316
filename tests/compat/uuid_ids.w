// Generated ids and Json entries.
bring util;

test "ids" {
  let a = util.uuidv4();
  let b = util.uuidv4();
  assert(a != b);
  assert(a.length == 36);
  let n = util.nanoid();
  assert(n.length == 21);
}

test "Json entries" {
  let j = Json { a: 1, b: 2 };
  let var sum = 0;
  for e in Json.entries(j) {
    sum += e.value.asNum();
  }
  assert(sum == 3);
}
