// Tic-tac-toe: a board as nested arrays, winner detection over rows,
// columns and diagonals, and a mutable board updated move by move.
bring expect;

let lines = [
  [[0, 0], [0, 1], [0, 2]],
  [[1, 0], [1, 1], [1, 2]],
  [[2, 0], [2, 1], [2, 2]],
  [[0, 0], [1, 0], [2, 0]],
  [[0, 1], [1, 1], [2, 1]],
  [[0, 2], [1, 2], [2, 2]],
  [[0, 0], [1, 1], [2, 2]],
  [[0, 2], [1, 1], [2, 0]]
];

inflight class Board {
  cells: MutArray<MutArray<str>>;
  lines: Array<Array<Array<num>>>;
  new(lines: Array<Array<Array<num>>>) {
    this.lines = lines;
    this.cells = MutArray<MutArray<str>>[];
    for r in 0..3 {
      this.cells.push(MutArray<str>[".", ".", "."]);
    }
  }
  pub play(player: str, row: num, col: num) {
    if this.cells.at(row).at(col) != "." {
      throw "cell {row},{col} is taken";
    }
    this.cells.at(row).set(col, player);
  }
  pub winner(): str? {
    for line in this.lines {
      let a = this.cells.at(line.at(0).at(0)).at(line.at(0).at(1));
      let b = this.cells.at(line.at(1).at(0)).at(line.at(1).at(1));
      let c = this.cells.at(line.at(2).at(0)).at(line.at(2).at(1));
      if a != "." && a == b && b == c {
        return a;
      }
    }
    return nil;
  }
  pub show(): str {
    let rows = MutArray<str>[];
    for r in this.cells {
      rows.push(r.join(""));
    }
    return rows.join("/");
  }
}

test "x wins on the diagonal" {
  let b = new Board(lines);
  b.play("X", 0, 0);
  b.play("O", 0, 1);
  b.play("X", 1, 1);
  assert(b.winner() == nil);
  b.play("O", 0, 2);
  b.play("X", 2, 2);
  expect.equal(b.winner() ?? "-", "X");
  expect.equal(b.show(), "XOO/.X./..X");
}

test "occupied cells are rejected" {
  let b = new Board(lines);
  b.play("X", 1, 1);
  let var err = "";
  try {
    b.play("O", 1, 1);
  } catch e {
    err = e;
  }
  expect.equal(err, "cell 1,1 is taken");
}
