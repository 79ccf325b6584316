// A bucket subclass with its own inflight helpers.
bring cloud;

class JsonStore extends cloud.Bucket {
  pub inflight save(key: str, value: Json) {
    this.putJson("{key}.json", value);
  }
  pub inflight load(key: str): Json {
    return this.getJson("{key}.json");
  }
}

let store = new JsonStore();

test "extended bucket" {
  store.save("cfg", { debug: true });
  assert(store.load("cfg").get("debug").asBool());
  assert(store.exists("cfg.json"));
}
