// Classes that extend each other in a cycle: E0121 names the cycle.
class A extends C { }
class B extends A { }
class C extends B { }
let b = new B();
