// Message formatters behind an interface with two implementations,
// dispatched through the interface type while the app is being built, and
// an interface with an inflight member implemented by a preflight class.
bring cloud;
bring expect;

interface IFormatter {
  format(title: str, body: str): str;
}

class PlainFormatter impl IFormatter {
  pub format(title: str, body: str): str {
    return "{title}: {body}";
  }
}

class MarkdownFormatter impl IFormatter {
  pub format(title: str, body: str): str {
    return "**{title}**\n{body}";
  }
}

let formatters = MutArray<IFormatter>[];
formatters.push(new PlainFormatter() as "plain");
formatters.push(new MarkdownFormatter() as "md");
let rendered = MutArray<str>[];
for f in formatters {
  rendered.push(f.format("Deploy", "done"));
}
let outputs = rendered.copy();

test "preflight dispatch through the interface" {
  expect.equal(outputs.at(0), "Deploy: done");
  expect.equal(outputs.at(1), "**Deploy**\ndone");
}

interface IAlert {
  inflight fire(msg: str): num;
}

class PagerAlert impl IAlert {
  pages: cloud.Counter;
  new() {
    this.pages = new cloud.Counter();
  }
  pub inflight fire(msg: str): num {
    log("paging: {msg}");
    return this.pages.inc();
  }
}

let pager = new PagerAlert();

test "an inflight interface member implemented by a preflight class" {
  expect.equal(pager.fire("disk full"), 0);
  expect.equal(pager.fire("disk still full"), 1);
}
