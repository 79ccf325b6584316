// In a subdirectory of `shapes_lib`: reached as `shapes.solids.Cube`.
pub class Cube {
  side: num;
  new(side: num) {
    this.side = side;
  }
  pub volume(): num {
    return this.side * this.side * this.side;
  }
}
