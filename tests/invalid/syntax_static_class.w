// `static` applies to members, not to a class.
static class Ids {
  pub static next(): str {
    return "id";
  }
}
