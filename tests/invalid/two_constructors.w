// A class has at most one preflight constructor.
class Temperature {
  pub celsius: num;
  new(celsius: num) {
    this.celsius = celsius;
  }
  new(fahrenheit: num, unit: str) {
    this.celsius = (fahrenheit - 32) * 5 / 9;
  }
}
