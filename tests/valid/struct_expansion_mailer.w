// An email composer whose last parameter is a struct: callers pass its
// fields as named arguments (`send("to", subject: "x")`), optional fields
// may be left out, and a struct value can still be passed positionally.
bring expect;

struct MailOptions {
  subject: str;
  cc: Array<str>?;
  urgent: bool?;
}

inflight class Mailer {
  pub sent: MutArray<str>;
  new() {
    this.sent = MutArray<str>[];
  }
  pub send(to: str, opts: MailOptions): str {
    let cc = opts.cc ?? [];
    let flag = opts.urgent ?? false;
    let line = "to={to} subject={opts.subject} cc={cc.length} urgent={flag}";
    this.sent.push(line);
    return line;
  }
}

test "named arguments expand into the struct" {
  let m = new Mailer();
  expect.equal(m.send("ada@x", subject: "hi"), "to=ada@x subject=hi cc=0 urgent=false");
  expect.equal(m.send("bob@x", subject: "oncall", urgent: true, cc: ["ops@x", "sre@x"]), "to=bob@x subject=oncall cc=2 urgent=true");
  expect.equal(m.sent.length, 2);
}

test "a struct value can be passed as is" {
  let m = new Mailer();
  let opts = MailOptions { subject: "weekly" };
  expect.equal(m.send("team@x", opts), "to=team@x subject=weekly cc=0 urgent=false");
}

test "closures take struct expansion too" {
  let fmt = (amount: num, opts: MailOptions): str => {
    return "{opts.subject}: {amount}";
  };
  expect.equal(fmt(3, subject: "invoice"), "invoice: 3");
}
