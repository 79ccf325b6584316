// Preflight functions that build inflight closures over resources.
bring cloud;

let makeIncrementer = (c: cloud.Counter, step: num): inflight (): num => {
  return inflight (): num => {
    return c.inc(step) + step;
  };
};

let hits = new cloud.Counter();
let byOne = makeIncrementer(hits, 1);
let byTen = makeIncrementer(hits, 10);

test "closures from a factory" {
  assert(byOne() == 1);
  assert(byTen() == 11);
  assert(hits.peek() == 11);
}
