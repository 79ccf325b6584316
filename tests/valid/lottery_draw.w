// A lottery draw: unique random numbers from an inclusive range `1..=49`
// collected in a MutSet, sorted for display, and checked against tickets.
bring math;
bring expect;

inflight class Lottery {
  pub static draw(count: num, max: num): Array<num> {
    let picked = MutSet<num>[];
    while picked.size < count {
      picked.add(math.floor(math.random(max)) + 1);
    }
    let sorted = MutArray<num>[];
    for n in picked.toArray() {
      let var i = 0;
      while i < sorted.length && sorted.at(i) < n {
        i += 1;
      }
      sorted.insert(i, n);
    }
    return sorted.copy();
  }
  pub static matches(ticket: Array<num>, drawn: Array<num>): num {
    let var hits = 0;
    for n in ticket {
      if drawn.contains(n) {
        hits += 1;
      }
    }
    return hits;
  }
}

test "a draw has six unique sorted numbers in range" {
  for round in 1..=5 {
    let d = Lottery.draw(6, 49);
    expect.equal(d.length, 6);
    for i in 0..d.length {
      assert(d.at(i) >= 1 && d.at(i) <= 49);
      if i > 0 {
        assert(d.at(i - 1) < d.at(i));
      }
    }
  }
}

test "ticket matching" {
  let drawn = [3, 11, 19, 27, 38, 45];
  expect.equal(Lottery.matches([1, 3, 5, 27, 45, 49], drawn), 3);
  expect.equal(Lottery.matches([2, 4, 6, 8, 10, 12], drawn), 0);
  let var all = 0;
  for n in 1..=49 {
    if drawn.contains(n) {
      all += 1;
    }
  }
  expect.equal(all, 6);
}
