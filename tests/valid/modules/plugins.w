// A plugin framework: an interface and a base class that plugins in other
// files extend. Brought by `module_plugins.w`.
pub interface IPlugin {
  name(): str;
  transform(input: str): str;
}

pub class BasePlugin impl IPlugin {
  prefix: str;
  new(prefix: str) {
    this.prefix = prefix;
  }
  pub name(): str {
    return "{this.prefix}-plugin";
  }
  pub transform(input: str): str {
    return input;
  }
}

pub class Host {
  plugins: MutArray<IPlugin>;
  new() {
    this.plugins = MutArray<IPlugin>[];
  }
  pub register(p: IPlugin): Host {
    this.plugins.push(p);
    return this;
  }
  pub run(input: str): str {
    let var v = input;
    for p in this.plugins {
      v = p.transform(v);
    }
    return v;
  }
  pub names(): Array<str> {
    let out = MutArray<str>[];
    for p in this.plugins {
      out.push(p.name());
    }
    return out.copy();
  }
}
