// A static method is called on the class, not on an instance.
class Slug {
  pub static from(title: str): str {
    return title.lowercase().replaceAll(" ", "-");
  }
}

class Post {
  pub title: str;
  new(title: str) {
    this.title = title;
  }
}

let p = new Post("Hello World");
let s = new Slug();
log(s.from(p.title));
