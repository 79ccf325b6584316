// Building request descriptions with optional trailing parameters, in
// closures and in methods: omitted arguments arrive as nil.
bring expect;

inflight class Client {
  base: str;
  new(base: str) {
    this.base = base;
  }
  pub describe(path: str, method: str?, timeoutMs: num?): str {
    return "{method ?? "GET"} {this.base}{path} ({timeoutMs ?? 1000}ms)";
  }
}

test "closures with optional trailing params" {
  let greet = (name: str, greeting: str?, punct: str?): str => {
    return "{greeting ?? "Hello"}, {name}{punct ?? "."}";
  };
  expect.equal(greet("ada"), "Hello, ada.");
  expect.equal(greet("ada", "Hi"), "Hi, ada.");
  expect.equal(greet("ada", "Hi", "!"), "Hi, ada!");
  expect.equal(greet("ada", nil, "?"), "Hello, ada?");
}

test "methods with optional trailing params" {
  let c = new Client("https://api.test");
  expect.equal(c.describe("/users"), "GET https://api.test/users (1000ms)");
  expect.equal(c.describe("/users", "POST"), "POST https://api.test/users (1000ms)");
  expect.equal(c.describe("/x", "PUT", 50), "PUT https://api.test/x (50ms)");
}
