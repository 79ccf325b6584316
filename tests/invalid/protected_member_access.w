// A `protected` member can be used by the class and its subclasses, not from outside.
class Shape {
  protected name: str;
  new(name: str) {
    this.name = name;
  }
  pub area(): num {
    return 0;
  }
}

class Square extends Shape {
  side: num;
  new(side: num) {
    super("square");
    this.side = side;
  }
  pub area(): num {
    return this.side * this.side;
  }
}

let s = new Square(3);
log("{s.name} has area {s.area()}");
