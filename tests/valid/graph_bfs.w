// Shortest paths in a small route network: breadth-first search over an
// adjacency `Map<Array<str>>` lifted from preflight, with a MutArray as the
// queue, a MutSet of visited nodes and a MutMap of parents.
bring expect;

let routes = {
  "ams" => ["lhr", "cdg", "fra"],
  "lhr" => ["jfk", "ams"],
  "cdg" => ["ams", "mad"],
  "fra" => ["ams", "waw"],
  "jfk" => ["sfo"],
  "mad" => ["cdg"],
  "waw" => ["fra"],
  "sfo" => Array<str>[]
};

inflight class Router {
  graph: Map<Array<str>>;
  new(graph: Map<Array<str>>) {
    this.graph = graph;
  }
  pub path(from: str, to: str): Array<str>? {
    let queue = MutArray<str>[from];
    let seen = MutSet<str>[from];
    let parent = MutMap<str>{};
    while queue.length > 0 {
      let node = queue.popAt(0);
      if node == to {
        let out = MutArray<str>[];
        let var cur = to;
        out.push(cur);
        while parent.has(cur) {
          cur = parent.get(cur);
          out.insert(0, cur);
        }
        return out.copy();
      }
      for next in this.graph.tryGet(node) ?? [] {
        if !seen.has(next) {
          seen.add(next);
          parent.set(next, node);
          queue.push(next);
        }
      }
    }
    return nil;
  }
}

test "shortest routes" {
  let r = new Router(routes);
  expect.equal(r.path("mad", "sfo")?.join(">") ?? "none", "mad>cdg>ams>lhr>jfk>sfo");
  expect.equal(r.path("ams", "ams")?.join(">") ?? "none", "ams");
  expect.equal(r.path("waw", "cdg")?.length ?? 0, 4);
}

test "unreachable destinations" {
  let r = new Router(routes);
  assert(r.path("sfo", "ams") == nil);
  assert(r.path("ams", "nowhere") == nil);
}
