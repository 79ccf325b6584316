// `super` needs a parent class.
class Greeter {
  pub greet(name: str): str {
    return super.greet(name) + "!";
  }
}
