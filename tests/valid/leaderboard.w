// A game leaderboard: scores accumulated in a MutMap, ranked with a hand
// written insertion sort over an array of structs, ties broken by name.
bring expect;

struct Entry {
  player: str;
  score: num;
}

inflight class Leaderboard {
  scores: MutMap<num>;
  new() {
    this.scores = MutMap<num>{};
  }
  pub record(player: str, points: num) {
    this.scores.set(player, (this.scores.tryGet(player) ?? 0) + points);
  }
  pub top(n: num): Array<Entry> {
    let sorted = MutArray<Entry>[];
    for p in this.scores.keys() {
      let e = Entry { player: p, score: this.scores.get(p) };
      let var i = 0;
      while i < sorted.length && Leaderboard.before(sorted.at(i), e) {
        i += 1;
      }
      sorted.insert(i, e);
    }
    let out = MutArray<Entry>[];
    for i in 0..sorted.length {
      if i >= n {
        break;
      }
      out.push(sorted.at(i));
    }
    return out.copy();
  }
  static before(a: Entry, b: Entry): bool {
    if a.score != b.score {
      return a.score > b.score;
    }
    return a.player.length < b.player.length || (a.player.length == b.player.length && a.player != b.player && Leaderboard.alphaBefore(a.player, b.player));
  }
  static alphaBefore(a: str, b: str): bool {
    let letters = "abcdefghijklmnopqrstuvwxyz";
    for i in 0..a.length {
      let x = letters.indexOf(a.at(i));
      let y = letters.indexOf(b.at(i));
      if x != y {
        return x < y;
      }
    }
    return false;
  }
}

test "ranking by score" {
  let lb = new Leaderboard();
  lb.record("ann", 10);
  lb.record("bob", 30);
  lb.record("cy", 20);
  lb.record("ann", 15);
  let top = lb.top(2);
  expect.equal(top.length, 2);
  expect.equal(top.at(0).player, "bob");
  expect.equal(top.at(1).player, "ann");
  expect.equal(top.at(1).score, 25);
}

test "ties are broken by name" {
  let lb = new Leaderboard();
  lb.record("zed", 5);
  lb.record("amy", 5);
  lb.record("bo", 5);
  let names = MutArray<str>[];
  for e in lb.top(10) {
    names.push(e.player);
  }
  expect.equal(names.join(","), "bo,amy,zed");
}
