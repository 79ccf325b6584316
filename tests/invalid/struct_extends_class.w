// A struct can only extend other structs.
class Entity {
  pub id: str;
  new() {
    this.id = "e";
  }
}

struct User extends Entity {
  name: str;
}
