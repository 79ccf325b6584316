// A class cannot extend itself.
class Node extends Node {
  pub value: num;
  new() {
    this.value = 0;
  }
}
