// An overriding method must keep the signature of the method it overrides.
class Animal {
  pub sound(): str {
    return "...";
  }
}

class Dog extends Animal {
  pub sound(): num {
    return 3;
  }
}
