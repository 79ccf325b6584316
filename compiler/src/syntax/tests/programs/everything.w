// Every construct of the language, for the AST snapshot.
bring cloud;
bring util as u;
bring "./lib.w" as lib;

/* block
   comment */
let x = 1;
let var y: num = 2_000;
y = 3;
y += 0x1F;
y -= 1e3;
let d = [10ms, 1s, 1.5m, 2h, 1d];
let s: str? = nil;
let name = "a \"quoted\" \{brace} {s ?? "none"} and {y + 1} \u{41}";
let raw = #"no {interp} \n here";
let nested = "outer {"inner {x}"} {Json { a: 1 }} done";
let ok = true && !false || x == 1 && y != 2;
let cmp = x < 1 || x <= 2 || x > 3 || x >= 4;
let math = -x ** 2 + 3 * 4 / 5 \ 6 % 7 - 2 ** 3 ** 2 + 2 ** -1;
let opt = s?.length ?? 0;
let unwrapped = s!.length;
let has = s? && x?;
let r = 0..10;
let ri = 0..=x + 1;

if x > 1 {
  log("big");
} else if let v = s {
  log(v);
} else if x == 0 {
  log("zero");
} else {
  log("other");
}

if let var v = s {
  v = "changed";
} else if let w = s {
  log(w);
}

for i in 0..10 {
  if i == 5 { continue; }
  if i == 8 { break; }
}
for item in [1, 2, 3] { log("{item}"); }
while x < 10 && (Point { x: 1 }).x == 1 {
  x += 1;
}

try {
  throw "boom";
} catch e {
  log(e);
} finally {
  log("done");
}
try { } catch { }

{
  let inner = 1;
}

let arr = [1, 2, 3,];
let marr = MutArray<num>[1, 2];
let set = Set<str>["a"];
let mset = MutSet<str>[];
let m = {"k" => 1, "j" => 2};
let mm = MutMap<num>{"a" => 1};
let em = Map<str>{};
let j = Json { a: 1, "b-c": [true, nil], nested: { deep: "x" } };
let mj = MutJson { };
let bare: Json = { a: 1, b: "two" };
let jv = Json 5;
let js = Json "x";
let ja = MutJson [1, 2];
let parsed = Json.parse("\{}");
let text = Json.stringify(j);
let first = arr[0];
let last = arr.at(-1);
let key = m["k"];
let p = Point { x: 1, y };
let q = cloud.BucketProps { public: true };
let file = @filename;
let dir = @dirname;
let b = new cloud.Bucket() as "uploads" in this;
let b2 = new cloud.Bucket(public: true);
let b3 = new cloud.Bucket() as "b{x}";
let f = (a: num, b: num?): num => { return a + b ?? 0; };
let g = inflight (msg: str): void => { log(msg); };
let h = inflight (): str => { return "x"; };
let vf = (var n: num, ...rest: Array<num>) => { n += 1; };
let ft: (num, str): bool = (a: num, b: str): bool => { return true; };
let ift: inflight (str): void = g;
let oft: ((num): str)? = nil;
let rof: (num): str? = (n: num): str? => { return nil; };
let called = f(1, b: 2);
let chained = util.env("X").trim().split(",").at(0);
let parenthesized = (1 + 2) * 3;
let ofn = unsafeCast(x);
assert(x == 1, "msg");
expect.nil(s);
expect.equal(1, 1);
this.node;
super.foo();
test "the test" {
  assert(true);
}

pub struct Point extends Base, other.Base2 {
  x: num;
  y: num?;
  tags: Array<str>;
}

struct Empty {}

pub enum Color { RED, GREEN, BLUE, }
enum Single { ONLY }

pub interface IStore extends IBase {
  inflight get(k: str): str;
  put(k: str, v: str): void;
  pub inflight list(): Array<str>;
}

class Store impl IStore, IOther {
  pub bucket: cloud.Bucket;
  var count: num;
  protected static inflight var cache: MutMap<str>;
  new(name: str) {
    this.bucket = new cloud.Bucket();
    this.count = 0;
  }
  pub inflight get(k: str): str {
    return this.bucket.get(k);
  }
  put(k: str, v: str): void { }
  pub static create(): Store { return new Store("x"); }
  inflight new() { }
}

pub inflight class Helper extends Base {
  pub extern inflight help(): void;
}

pub class Array<T> {
  pub extern unphased length: num;
  pub extern unphased at(index: num): T;
  pub extern new(props: BucketProps?);
}

pub extern unphased log(message: str): void;
pub extern unphased equal<T>(actual: T, expected: T): void;
pub extern inflight waitUntil(predicate: inflight (): bool, props: WaitUntilProps?): bool;
