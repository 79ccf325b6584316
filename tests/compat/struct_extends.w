// Structs that extend others.
struct Base {
  id: str;
}

struct Timestamps {
  created: num;
}

struct Post extends Base, Timestamps {
  title: str;
  tags: Array<str>?;
}

let p = Post { id: "p1", created: 1700, title: "Hello" };
let j = Json p;

test "extended structs" {
  assert(p.id == "p1");
  assert(p.created == 1700);
  assert(j.get("title").asStr() == "Hello");
  let back = Post.fromJson(j);
  assert(back.tags == nil);
}
