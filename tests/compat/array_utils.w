// Arrays and mutable arrays.
let primes = [2, 3, 5, 7];

test "arrays" {
  let m = primes.copyMut();
  m.push(11);
  assert(m.length == 5);
  assert(m.pop() == 11);
  m.set(0, 1);
  assert(m.at(0) == 1);
  m.insert(0, 0);
  assert(m.copy() == [0, 1, 3, 5, 7]);
  m.removeFirst(3);
  assert(m.indexOf(5) == 2);
  assert(primes.concat([11]).length == 5);
  assert(primes.lastIndexOf(7) == 3);
  assert(primes.join("-") == "2-3-5-7");
  assert(primes.slice(1, 3) == [3, 5]);
}
