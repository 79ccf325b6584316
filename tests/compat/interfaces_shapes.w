// Interfaces and polymorphism.
interface Shape {
  area(): num;
  name(): str;
}

class Rect impl Shape {
  w: num;
  h: num;
  new(w: num, h: num) {
    this.w = w;
    this.h = h;
  }
  pub area(): num {
    return this.w * this.h;
  }
  pub name(): str {
    return "rect";
  }
}

class Square extends Rect {
  new(s: num) {
    super(s, s);
  }
  pub name(): str {
    return "square";
  }
}

let shapes: Array<Shape> = [new Rect(2, 3), new Square(4)];
let var total = 0;
let names = MutArray<str>[];
for s in shapes {
  total += s.area();
  names.push(s.name());
}
let summary = names.join("+");

test "polymorphism" {
  assert(total == 22);
  assert(summary == "rect+square");
}
