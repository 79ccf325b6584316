// Interfaces that extend each other in a cycle: one located error naming
// the cycle (not a stack overflow), and the classes implementing them are
// still checked.
interface IA extends IB {
  m(): void;
}
interface IB extends IC {
  n(): num;
}
interface IC extends IA { }
interface ISelf extends ISelf { }

class C impl IA {
  pub m() { }
  pub n(): num {
    return 1;
  }
}
let x: IB = new C();
let y: IC = x;
class D impl IC { }
