// Recursive struct types (issue 14): a struct with an optional field of its
// own type, directly, through Array/Map, or through another struct, used
// as Json, passed where Json is expected, and assigned to a structurally
// identical recursive struct. The checker's structural checks assume what
// they are already checking, so they end.
bring expect;

struct Node {
  value: num;
  next: Node?;
}
struct Tree {
  label: str;
  children: Array<Tree>;
  index: Map<Tree>?;
}
struct Ping {
  n: num;
  pong: Pong?;
}
struct Pong {
  n: num;
  ping: Ping?;
}
// The same shapes under other names.
struct Link {
  value: num;
  next: Link?;
}
struct Ping2 {
  n: num;
  pong: Pong2?;
}
struct Pong2 {
  n: num;
  ping: Ping2?;
}

let list = Node { value: 1, next: Node { value: 2, next: Node { value: 3 } } };
let asJson: Json = list;
let tree = Tree { label: "root", children: [Tree { label: "leaf", children: [] }], index: { "x": Tree { label: "x", children: [] } } };
let ping = Ping { n: 1, pong: Pong { n: 2, ping: Ping { n: 3 } } };
let link: Link = list;
let ping2: Ping2 = ping;

let preflightParsed = Node.tryFromJson(Json { value: 1, next: { value: 2, next: { value: "3" } } });
let preflightGood = Node.fromJson(Json { value: 1, next: { value: 2 } });

let describe = inflight (j: Json): str => {
  return Json.stringify(j);
};

test "recursive structs are Json data" {
  expect.equal(Json.stringify(asJson), "\{\"value\":1,\"next\":\{\"value\":2,\"next\":\{\"value\":3\}\}\}");
  expect.equal(describe(tree), "\{\"label\":\"root\",\"children\":[\{\"label\":\"leaf\",\"children\":[]\}],\"index\":\{\"x\":\{\"label\":\"x\",\"children\":[]\}\}\}");
  expect.equal(describe(ping), "\{\"n\":1,\"pong\":\{\"n\":2,\"ping\":\{\"n\":3\}\}\}");
  let m: MutJson = list;
  expect.equal(m.get("next").get("value").asNum(), 2);
}

test "recursive structs fit their structural twins" {
  expect.equal(link.next?.next?.value, 3);
  expect.equal(ping2.pong?.ping?.n, 3);
  let back: Node = link;
  expect.equal(back.next?.value, 2);
}

test "recursive structs come back from Json" {
  expect.equal(preflightParsed, nil);
  expect.equal(preflightGood.next?.value, 2);
  let parsed = Node.fromJson(Json.parse("\{\"value\":5,\"next\":\{\"value\":6\}\}"));
  expect.equal(parsed.next?.value, 6);
  let t = Tree.fromJson(asJson.tryGet("missing") ?? Json { label: "a", children: [Json { label: "b", children: [] }] });
  expect.equal(t.children.at(0).label, "b");
  let var problem = "";
  try {
    Node.fromJson(Json.parse("\{\"value\":5,\"next\":\{\"value\":\"six\"\}\}"));
  } catch e {
    problem = e;
  }
  expect.equal(problem, "unable to parse Node: field \"next.value\" must be a number, found a string");
}
