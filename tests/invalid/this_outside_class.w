// `this` only exists in methods and constructors.
let label = "orders";
let describe = (): str => {
  return "queue {this.label}";
};
