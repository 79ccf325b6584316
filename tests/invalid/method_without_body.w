// A class method needs a body; only interfaces declare bodiless methods.
class Repository {
  pub find(id: str): str;
  pub inflight save(id: str, data: str) {
    log(id);
  }
}
