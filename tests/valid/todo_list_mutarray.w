// A todo list kept in a MutArray: push (several at once), pop, popAt, set,
// insert, removeFirst, clear and index assignment `a[i] = v`.
bring expect;

test "adding and completing tasks" {
  let todos = MutArray<str>["write spec"];
  todos.push("review", "ship");
  expect.equal(todos.length, 3);
  let last = todos.pop();
  expect.equal(last, "ship");
  todos.insert(0, "plan");
  expect.equal(todos.join("|"), "plan|write spec|review");
  let done = todos.popAt(1);
  expect.equal(done, "write spec");
  expect.equal(todos.join("|"), "plan|review");
}

test "editing in place" {
  let todos = MutArray<str>["a", "b", "c", "b"];
  todos.set(0, "A");
  todos[1] = "B";
  expect.equal(todos.join(""), "ABcb");
  assert(todos.removeFirst("b"));
  assert(!todos.removeFirst("zzz"));
  expect.equal(todos.join(""), "ABc");
  todos.clear();
  expect.equal(todos.length, 0);
}

test "priorities as numbers" {
  let prio = MutArray<num>[];
  for p in [3, 1, 2] {
    prio.push(p * 10);
  }
  expect.equal(prio.at(0) + prio[2], 50);
  expect.equal(prio.indexOf(10), 1);
  let snapshot: Array<num> = prio.copy();
  prio.push(40);
  expect.equal(snapshot.length, 3);
  expect.equal(prio.length, 4);
}
