// Two types with the same name in one file.
struct User {
  name: str;
}

class User {
  pub name: str;
  new(name: str) {
    this.name = name;
  }
}
