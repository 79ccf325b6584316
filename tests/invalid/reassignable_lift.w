bring cloud;
let var greeting = "hi";
test "reads a let var" {
  log(greeting);
}
