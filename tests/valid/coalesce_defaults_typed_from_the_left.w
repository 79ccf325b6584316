// The default of `??` takes its type from the left operand (an empty
// literal, a bare Json object, an untyped closure), also now that it may
// itself be optional.
let xs: Array<num>? = nil;
let all = xs ?? [];
let j: Json? = nil;
let obj = j ?? { a: 1 };
let f: ((num): num)? = nil;
let g = f ?? (n) => {
  return n + 1;
};
let two = g(1);
let m: Map<str>? = nil;
let mm = m ?? {};
test "defaults typed from the left" {
  assert(all.length == 0);
  assert(obj.get("a").asNum() == 1);
  assert(two == 2);
  assert(mm.size() == 0);
}
