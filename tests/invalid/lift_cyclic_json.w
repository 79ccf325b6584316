// A MutJson that contains itself, used inflight: a located error (lifting
// copies the data, and a copy of a cycle never ends).
let config = MutJson { name: "app" };
let nested = MutJson { items: [1, 2] };
config.set("nested", nested);
nested.set("parent", config);

test "reads the config" {
  log("{config.get("name")}");
}
