// A structured logger with variadic parameters: `...parts: Array<str>` in
// closures and methods, called with zero, one or many arguments.
bring expect;

inflight class Logger {
  pub lines: MutArray<str>;
  prefix: str;
  new(prefix: str) {
    this.prefix = prefix;
    this.lines = MutArray<str>[];
  }
  pub info(...parts: Array<str>) {
    this.lines.push("[{this.prefix}] " + parts.join(" "));
  }
  pub count(): num {
    return this.lines.length;
  }
  pub last(): str {
    return this.lines.at(this.lines.length - 1);
  }
}

test "variadic closures" {
  let sum = (...nums: Array<num>): num => {
    let var s = 0;
    for n in nums {
      s += n;
    }
    return s;
  };
  expect.equal(sum(), 0);
  expect.equal(sum(4), 4);
  expect.equal(sum(1, 2, 3, 4), 10);
}

test "variadic after fixed parameters" {
  let tag = (name: str, ...labels: Array<str>): str => {
    if labels.length == 0 {
      return name;
    }
    return "{name}[{labels.join(",")}]";
  };
  expect.equal(tag("svc"), "svc");
  expect.equal(tag("svc", "a", "b"), "svc[a,b]");
}

test "variadic methods" {
  let l = new Logger("api");
  l.info("started");
  l.info("user", "ada", "logged", "in");
  l.info();
  expect.equal(l.count(), 3);
  expect.equal(l.lines.at(1), "[api] user ada logged in");
  expect.equal(l.last(), "[api] ");
}
