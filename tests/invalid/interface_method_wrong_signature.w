// A method implementing an interface method must have the same parameters and return type.
interface IGreeter {
  greet(name: str): str;
}

class LoudGreeter impl IGreeter {
  pub greet(name: str, times: num): str {
    return "HELLO {name.uppercase()}";
  }
}
