// Extending a class and implementing an interface that come from another
// file: plugins subclass `plugins.BasePlugin` (calling `super(...)` and
// `super.transform`) or implement `plugins.IPlugin` directly, and the
// brought `Host` dispatches through the interface.
bring expect;
bring "./modules/plugins.w" as plugins;

class Trim extends plugins.BasePlugin {
  new() {
    super("trim");
  }
  pub transform(input: str): str {
    return super.transform(input).trim();
  }
}

class Shout impl plugins.IPlugin {
  pub name(): str {
    return "shout";
  }
  pub transform(input: str): str {
    return input.uppercase() + "!";
  }
}

let host = new plugins.Host();
host.register(new Trim()).register(new Shout()).register(new plugins.BasePlugin("noop"));
let output = host.run("  hello plugins  ");
let names = host.names();

test "plugins from two files cooperate" {
  expect.equal(output, "HELLO PLUGINS!");
  expect.equal(names.join(","), "trim-plugin,shout,noop-plugin");
}
