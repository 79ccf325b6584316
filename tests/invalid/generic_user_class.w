// User classes cannot have type parameters.
class Box<T> {
  pub value: T;
  new(value: T) {
    this.value = value;
  }
}
