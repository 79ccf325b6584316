// An interface can only extend other interfaces.
class Base {
  new() {}
}

interface IService extends Base {
  start(): void;
}
