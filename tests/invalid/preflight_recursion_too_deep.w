// Unbounded recursion in preflight code is stopped with an error instead of crashing the compiler.
let depth = (n: num): num => {
  return depth(n + 1);
};

let d = depth(0);
