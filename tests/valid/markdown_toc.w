// A table-of-contents generator for Markdown: finds `#` headings, derives
// anchors (lowercase, dashes, punctuation removed) and indents by level.
bring expect;

let doc = "# Guide\nintro text\n## Install\n## Use It!\n### Advanced: Tips\nmore\n## FAQ";

struct Heading {
  level: num;
  title: str;
  anchor: str;
}

inflight class Toc {
  pub static headings(md: str): Array<Heading> {
    let out = MutArray<Heading>[];
    for line in md.split("\n") {
      if !line.startsWith("#") {
        continue;
      }
      let var level = 0;
      while line.at(level) == "#" {
        level += 1;
      }
      let title = line.substring(level).trim();
      let var anchor = title.lowercase();
      for p in ["!", ":", "?", "."] {
        anchor = anchor.replaceAll(p, "");
      }
      out.push(Heading { level: level, title: title, anchor: anchor.replaceAll(" ", "-") });
    }
    return out.copy();
  }
  pub static render(hs: Array<Heading>): str {
    let lines = MutArray<str>[];
    for h in hs {
      let var indent = "";
      for i in 1..h.level {
        indent += "  ";
      }
      lines.push("{indent}- [{h.title}](#{h.anchor})");
    }
    return lines.join("\n");
  }
}

test "headings are found with levels and anchors" {
  let hs = Toc.headings(doc);
  expect.equal(hs.length, 5);
  expect.equal(hs.at(2).title, "Use It!");
  expect.equal(hs.at(2).anchor, "use-it");
  expect.equal(hs.at(3).level, 3);
  expect.equal(hs.at(3).anchor, "advanced-tips");
}

test "rendered toc" {
  let toc = Toc.render(Toc.headings(doc));
  expect.equal(toc, "- [Guide](#guide)\n  - [Install](#install)\n  - [Use It!](#use-it)\n    - [Advanced: Tips](#advanced-tips)\n  - [FAQ](#faq)");
}
