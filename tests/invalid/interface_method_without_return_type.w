// An interface method must say what it returns, `: void` included, as in
// Wing 0.85.49 ("Expected function return type"). A class method may leave
// it out (it returns nothing).
interface IStore {
  inflight put(key: str, value: str);
  inflight get(key: str): str;
  size(): num;
  clear();
}

class Store impl IStore {
  pub inflight put(key: str, value: str) { }
  pub inflight get(key: str): str { return key; }
  pub size(): num { return 0; }
  pub clear() { }
}
