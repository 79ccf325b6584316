// `bring "./dir" as name;` brings the public types of every `.w` file in
// the directory, and those of its subdirectories as `name.sub.Type`, as
// Wing does.
bring "./modules/shapes_lib" as shapes;

let square = new shapes.Square(4);
let size = shapes.Size { width: 1, height: 2 };
let circleArea = square.inner().area();
let squareArea = square.area();
let cube: shapes.solids.Cube = new shapes.solids.Cube(2);
let volume = cube.volume();

test "types from every file of a directory" {
  assert(squareArea == 16);
  assert(circleArea == 12);
  assert(size.height == 2);
  assert(volume == 8);
}
