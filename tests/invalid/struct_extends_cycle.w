// Structs that extend each other in a cycle: one located error naming the
// cycle; the rest of the program is still checked.
struct X extends Y {
  x: num;
}
struct Y extends Z {
  y: num;
}
struct Z extends X {
  z: num;
}
let value = X { x: 1, y: 2, z: 3 };
let wrong: str = value.y;
