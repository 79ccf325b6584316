// A URL slug and title helper built from the str methods: length, at,
// contains, startsWith, endsWith, indexOf, split, trim, substring,
// uppercase, lowercase, replace, replaceAll, concat.
bring expect;

let slugify = inflight (title: str): str => {
  return title.trim().lowercase().replaceAll(" ", "-").replaceAll("!", "");
};

let capitalize = inflight (word: str): str => {
  if word.length == 0 {
    return word;
  }
  return word.at(0).uppercase().concat(word.substring(1));
};

test "slugs are lowercase and dashed" {
  expect.equal(slugify("  Hello Wing World!  "), "hello-wing-world");
  let slug = slugify("Release Notes 2024");
  assert(slug.startsWith("release"));
  assert(slug.endsWith("2024"));
  assert(slug.contains("notes"));
  assert(!slug.contains(" "));
  expect.equal(slug.indexOf("-"), 7);
  expect.equal(slug.indexOf("?"), -1);
}

test "title case from words" {
  let words = "the quick brown fox".split(" ");
  expect.equal(words.length, 4);
  let var title = "";
  for w in words {
    if title.length > 0 {
      title += " ";
    }
    title += capitalize(w);
  }
  expect.equal(title, "The Quick Brown Fox");
  expect.equal(capitalize(""), "");
}

test "replace only touches the first match" {
  let path = "a/b/c";
  expect.equal(path.replace("/", "."), "a.b/c");
  expect.equal(path.replaceAll("/", "."), "a.b.c");
  expect.equal(path.substring(2, 3), "b");
  expect.equal("MiXeD".uppercase(), "MIXED");
  expect.equal("MiXeD".lowercase(), "mixed");
  expect.equal("abc".at(2), "c");
}
