// A class that `impl`s an interface must implement each of its methods.
interface IKeyValueStore {
  inflight get(key: str): str?;
  inflight set(key: str, value: str): void;
}

class MemoryStore impl IKeyValueStore {
  pub inflight get(key: str): str? {
    return nil;
  }
}
