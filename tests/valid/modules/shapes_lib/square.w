// A file of `shapes_lib` using a sibling: as in Wing, it brings it by path.
bring "./circle.w" as circle;

pub class Square {
  pub size: circle.Size;
  new(side: num) {
    this.size = circle.Size { width: side, height: side };
  }
  pub area(): num {
    return this.size.width * this.size.height;
  }
  pub inner(): circle.Circle {
    return new circle.Circle(this.size.width / 2);
  }
}
