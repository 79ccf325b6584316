// Closure parameters typed from where the closure is used.
let apply = inflight (f: (num): num, x: num): num => {
  return f(x);
};

let words = ["pear", "fig", "banana"];

test "untyped parameters" {
  assert(apply((x) => { return x * 10; }, 4) == 40);
  let lengths = MutArray<num>[];
  for w in words {
    lengths.push(w.length);
  }
  assert(lengths.copy() == [4, 3, 6]);
  let handlers = MutArray<inflight (str): str>[];
  handlers.push((s) => { return s.uppercase(); });
  assert(handlers.at(0)("hey") == "HEY");
}
