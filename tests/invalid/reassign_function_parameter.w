// Function parameters are immutable, like `let` bindings.
let clamp = (value: num, max: num): num => {
  if value > max {
    value = max;
  }
  return value;
};
