// An editor with undo/redo using the command pattern: a base command
// class overridden by two subclasses, `super(...)` constructors, `super.m()`
// and two stacks of commands.
bring expect;

inflight class Doc {
  pub var text: str;
  new() {
    this.text = "";
  }
}

inflight class Command {
  protected doc: Doc;
  new(doc: Doc) {
    this.doc = doc;
  }
  pub apply() {}
  pub undo() {}
  pub label(): str {
    return "command";
  }
}

inflight class Insert extends Command {
  s: str;
  new(doc: Doc, s: str) {
    super(doc);
    this.s = s;
  }
  pub apply() {
    this.doc.text = this.doc.text + this.s;
  }
  pub undo() {
    this.doc.text = this.doc.text.substring(0, this.doc.text.length - this.s.length);
  }
  pub label(): str {
    return super.label() + ":insert {this.s}";
  }
}

inflight class Upper extends Command {
  var before: str;
  new(doc: Doc) {
    super(doc);
    this.before = "";
  }
  pub apply() {
    this.before = this.doc.text;
    this.doc.text = this.doc.text.uppercase();
  }
  pub undo() {
    this.doc.text = this.before;
  }
}

inflight class Editor {
  pub doc: Doc;
  done: MutArray<Command>;
  undone: MutArray<Command>;
  new() {
    this.doc = new Doc();
    this.done = MutArray<Command>[];
    this.undone = MutArray<Command>[];
  }
  pub run(c: Command) {
    c.apply();
    this.done.push(c);
    this.undone.clear();
  }
  pub undo() {
    if this.done.length > 0 {
      let c = this.done.pop();
      c.undo();
      this.undone.push(c);
    }
  }
  pub redo() {
    if this.undone.length > 0 {
      let c = this.undone.pop();
      c.apply();
      this.done.push(c);
    }
  }
}

test "undo and redo" {
  let e = new Editor();
  e.run(new Insert(e.doc, "hello"));
  e.run(new Insert(e.doc, " world"));
  e.run(new Upper(e.doc));
  expect.equal(e.doc.text, "HELLO WORLD");
  e.undo();
  expect.equal(e.doc.text, "hello world");
  e.undo();
  expect.equal(e.doc.text, "hello");
  e.redo();
  expect.equal(e.doc.text, "hello world");
  e.run(new Insert(e.doc, "!"));
  e.redo();
  expect.equal(e.doc.text, "hello world!");
}

test "labels use super" {
  let d = new Doc();
  let ins = new Insert(d, "x");
  let up = new Upper(d);
  expect.equal(ins.label(), "command:insert x");
  expect.equal(up.label(), "command");
}
