// A subclass of a std resource cannot override what the resource gives it,
// nor implement an interface with it.
bring cloud;

interface ICounting {
  inflight inc(amount: num?, key: str?): num;
}

class Hits extends cloud.Counter impl ICounting {
  pub inflight peek(key: str?): num {
    return 0;
  }
}
