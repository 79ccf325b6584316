// A shape hierarchy: `extends`, `super(...)` constructor calls, overriding
// with `super.m()`, a `protected var` field assigned by a subclass, and
// dynamic dispatch through the base type (preflight and inflight).
bring expect;

class Shape {
  protected var name: str;
  new(name: str) {
    this.name = name;
  }
  pub area(): num {
    return 0;
  }
  pub describe(): str {
    return "{this.name} with area {this.area()}";
  }
}

class Rect extends Shape {
  w: num;
  h: num;
  new(w: num, h: num) {
    super("rect");
    this.w = w;
    this.h = h;
  }
  pub area(): num {
    return this.w * this.h;
  }
}

class Square extends Rect {
  new(side: num) {
    super(side, side);
    this.name = "square";
  }
  pub describe(): str {
    return "[" + super.describe() + "]";
  }
}

let shapes = MutArray<Shape>[];
shapes.push(new Rect(2, 3) as "r");
shapes.push(new Square(4) as "s");
shapes.push(new Shape("blob") as "b");
let descriptions = MutArray<str>[];
let var totalArea = 0;
for s in shapes {
  descriptions.push(s.describe());
  totalArea += s.area();
}
let described = descriptions.copy();
let areaSum = totalArea;

test "dynamic dispatch and super calls (preflight)" {
  expect.equal(described.at(0), "rect with area 6");
  expect.equal(described.at(1), "[square with area 16]");
  expect.equal(described.at(2), "blob with area 0");
  expect.equal(areaSum, 22);
}

inflight class Animal {
  protected sound: str;
  new(sound: str) {
    this.sound = sound;
  }
  pub speak(): str {
    return this.sound;
  }
}

inflight class Dog extends Animal {
  new() {
    super("woof");
  }
  pub speak(): str {
    return super.speak().uppercase() + "!";
  }
}

test "inflight inheritance" {
  let pets: Array<Animal> = [new Animal("hiss"), new Dog()];
  let var said = "";
  for p in pets {
    said += p.speak() + " ";
  }
  expect.equal(said, "hiss WOOF! ");
}
