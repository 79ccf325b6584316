// A todo list stored as Json documents in a bucket.
bring cloud;

struct Todo {
  id: str;
  title: str;
  done: bool;
}

let todos = new cloud.Bucket();

let save = inflight (t: Todo) => {
  todos.putJson(t.id, t);
};

let load = inflight (id: str): Todo => {
  return Todo.fromJson(todos.getJson(id));
};

test "save and load todos" {
  save(Todo { id: "1", title: "write", done: false });
  save(Todo { id: "2", title: "test", done: true });
  let t = load("2");
  assert(t.title == "test");
  assert(t.done);
  assert(todos.list().length == 2);
  todos.delete("1");
  assert(todos.list() == ["2"]);
}
