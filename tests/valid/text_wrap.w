// Word-wrapping text for a terminal: greedy line filling to a width,
// splitting words longer than the width, and centring lines with padding.
bring expect;

inflight class Wrapper {
  width: num;
  new(width: num) {
    this.width = width;
  }
  pub wrap(text: str): Array<str> {
    let lines = MutArray<str>[];
    let var line = "";
    for raw in text.split(" ") {
      if raw == "" {
        continue;
      }
      let var word = raw;
      while word.length > this.width {
        if line != "" {
          lines.push(line);
          line = "";
        }
        lines.push(word.substring(0, this.width));
        word = word.substring(this.width);
      }
      if line == "" {
        line = word;
      } else if line.length + 1 + word.length <= this.width {
        line = line + " " + word;
      } else {
        lines.push(line);
        line = word;
      }
    }
    if line != "" {
      lines.push(line);
    }
    return lines.copy();
  }
  pub center(line: str): str {
    let pad = (this.width - line.length) \ 2;
    let var out = "";
    for i in 0..pad {
      out += " ";
    }
    return out + line;
  }
}

test "greedy wrapping" {
  let w = new Wrapper(10);
  let lines = w.wrap("the quick brown fox jumps over the lazy dog");
  expect.equal(lines.join("|"), "the quick|brown fox|jumps over|the lazy|dog");
  for l in lines {
    assert(l.length <= 10);
  }
}

test "long words are split" {
  let w = new Wrapper(4);
  expect.equal(w.wrap("a abcdefghij b").join("|"), "a|abcd|efgh|ij b");
  expect.equal(w.wrap("").length, 0);
}

test "centring" {
  let w = new Wrapper(9);
  expect.equal(w.center("abc"), "   abc");
  expect.equal(w.center("abcdefghi"), "abcdefghi");
}
