// A function body whose `{` is never closed is reported at the brace, not as a cascade of errors.
let total = (prices: Array<num>): num => {
  let var sum = 0;
  for p in prices {
    sum += p;
  return sum;
};

log("{total([1, 2, 3])}");
