// Two parameters of one function cannot have the same name.
let between = (value: num, low: num, low: num): bool => {
  return value >= low;
};
