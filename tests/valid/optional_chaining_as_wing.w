// Optional chaining and `??` as Wing allows them: chains through optional
// struct fields, Json and methods, a `??` whose default is optional too
// (`a ?? b ?? c`), and `?.` calls of methods that return nothing.
bring cloud;
struct Inner {
  tags: Array<str>?;
  n: num?;
}
struct Outer {
  inner: Inner?;
  name: str?;
}
let o = Outer { inner: Inner { tags: ["a", "b"] } };
let empty = Outer {};
let t1 = o.inner?.tags?.at(1) ?? "none";
let t2 = empty.inner?.tags?.at(0) ?? "none";
let len = o.inner?.tags?.length ?? 0;
let n = o.inner?.n ?? empty.inner?.n ?? 42;
let j = Json { a: { b: [1, 2] } };
let deep = j.tryGet("a")?.tryGet("b")?.tryGetAt(1)?.tryAsNum() ?? -1;
let missing = j.tryGet("zz")?.tryGet("b") ?? Json "dflt";
let name = empty.name ?? o.name ?? "anon";
let b = new cloud.Bucket();
let maybeB: cloud.Bucket? = b;
test "optional chaining" {
  assert(t1 == "b");
  assert(t2 == "none");
  assert(len == 2);
  assert(n == 42);
  assert(deep == 2);
  assert(missing == Json "dflt");
  assert(name == "anon");
  maybeB?.put("k", "v");
  assert(b.tryGet("k") ?? "" == "v");
  if let tags = o.inner?.tags {
    assert(tags.length == 2);
  }
  let s: str? = nil;
  assert((s?.length ?? 0) == 0);
  assert(s?.contains("x") == nil);
}
