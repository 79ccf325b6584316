// Identifier helpers as static members: `pub static` methods on preflight
// and inflight classes, static factory methods returning instances, and
// a static method calling a private static one.
// (Wing 0.85.49 crashes in its lifting code on a static method of an inflight
// class that takes that class as a parameter, so Version has none.)
bring expect;

class Ids {
  pub static pad(n: num, width: num): str {
    let var s = "{n}";
    while s.length < width {
      s = "0" + s;
    }
    return s;
  }
  pub static inflight orderId(n: num): str {
    return "ORD-" + Ids.padInflight(n, 5);
  }
  static inflight padInflight(n: num, width: num): str {
    let var s = "{n}";
    while s.length < width {
      s = "0" + s;
    }
    return s;
  }
}

let invoice = "INV-" + Ids.pad(42, 6);

inflight class Version {
  pub major: num;
  pub minor: num;
  new(major: num, minor: num) {
    this.major = major;
    this.minor = minor;
  }
  pub static parse(text: str): Version {
    let parts = text.split(".");
    return new Version(num.fromStr(parts.at(0)), num.fromStr(parts.at(1)));
  }
  pub static zero(): Version {
    return new Version(0, 0);
  }
  pub compareTo(b: Version): num {
    if this.major != b.major {
      return this.major - b.major;
    }
    return this.minor - b.minor;
  }
}

test "static preflight results" {
  expect.equal(invoice, "INV-000042");
}

test "static inflight methods" {
  expect.equal(Ids.orderId(7), "ORD-00007");
}

test "static factories" {
  let v = Version.parse("2.10");
  expect.equal(v.major, 2);
  expect.equal(v.minor, 10);
  let older = Version.parse("2.9");
  assert(v.compareTo(older) > 0);
  assert(Version.zero().compareTo(older) < 0);
  expect.equal(older.compareTo(Version.parse("2.9")), 0);
}
