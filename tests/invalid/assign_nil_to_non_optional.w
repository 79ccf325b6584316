// `nil` can only be stored in an optional type.
class Connection {
  pub var host: str;
  new() {
    this.host = "localhost";
  }
  pub close() {
    this.host = nil;
  }
}
