// Statistics with the `math` module.
bring math;

let scores = [4, 8, 15, 16, 23, 42];

test "stats" {
  let var sum = 0;
  let var hi = 0;
  for s in scores {
    sum += s;
    hi = math.max([hi, s]);
  }
  let mean = sum / scores.length;
  assert(mean == 18);
  assert(hi == 42);
  assert(math.sqrt(16) == 4);
  assert(math.floor(2.7) == 2);
  assert(math.ceil(2.1) == 3);
  assert(math.abs(-3) == 3);
  assert(math.round(math.PI * 100) == 314);
}
