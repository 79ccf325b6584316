// `Name { … }` builds structs only; classes are created with `new`.
class Point {
  pub x: num;
  pub y: num;
  new(x: num, y: num) {
    this.x = x;
    this.y = y;
  }
}

let origin = Point { x: 0, y: 0 };
