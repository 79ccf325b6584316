// Geometry helpers with `bring math`: floor, ceil, round, abs, sqrt,
// min, max, sin, cos, tan, log, random and the PI, E and TAU constants.
bring math;
bring expect;

struct Point {
  x: num;
  y: num;
}

let distance = inflight (a: Point, b: Point): num => {
  return math.sqrt((a.x - b.x) ** 2 + (a.y - b.y) ** 2);
};

test "distances and rounding" {
  let d = distance(Point { x: 0, y: 0 }, Point { x: 3, y: 4 });
  expect.equal(d, 5);
  expect.equal(math.floor(2.7), 2);
  expect.equal(math.ceil(2.1), 3);
  expect.equal(math.round(2.5), 3);
  expect.equal(math.round(-2.5), -2);
  expect.equal(math.floor(-2.5), -3);
  expect.equal(math.abs(-7), 7);
}

test "bounding box with min and max" {
  let xs = [3, -1, 8, 2];
  expect.equal(math.min(xs), -1);
  expect.equal(math.max(xs), 8);
  expect.equal(math.max(xs) - math.min(xs), 9);
}

test "trigonometry and logarithms" {
  expect.equal(math.sin(0), 0);
  expect.equal(math.cos(0), 1);
  expect.equal(math.tan(0), 0);
  expect.equal(math.log(1), 0);
  expect.equal(math.round(math.log(100) / math.log(10)), 2);
}

let unitCircle = math.PI * 1 ** 2;

test "circles use the constants" {
  let circumference = (r: num): num => {
    return math.TAU * r;
  };
  expect.equal(unitCircle, 3.141592653589793);
  expect.equal(circumference(1), 2 * math.PI);
  expect.equal(math.round(math.PI * 100) / 100, 3.14);
  expect.equal(math.E, 2.718281828459045);
  expect.equal(math.log(math.E), 1);
}

test "random stays in range" {
  for i in 0..20 {
    let r = math.random();
    assert(r >= 0 && r < 1);
    let dice = math.floor(math.random(6)) + 1;
    assert(dice >= 1 && dice <= 6);
  }
}
