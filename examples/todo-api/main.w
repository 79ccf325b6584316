// A to-do list backend: a REST Api over a table, with a topic announcing
// finished tasks and a nightly cleanup. `wingc run main.w` serves it;
// `wingc test main.w` exercises it over real HTTP.
bring cloud;
bring ex;
bring http;
bring util;
bring expect;

let tasks = new ex.Table(name: "tasks", primaryKey: "id") as "tasks";
let done = new cloud.Topic() as "done";
let archive = new cloud.Bucket() as "archive";
let api = new cloud.Api(cors: true) as "todo";

done.onMessage(inflight (id: str) => {
  archive.put("done/{id}.json", Json.stringify(tasks.get(id)));
  log("archived {id}");
});

api.post("/tasks", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  let body = Json.parse(req.body ?? "\{}");
  if let title = body.tryGet("title") {
    let id = util.nanoid(size: 10);
    tasks.insert(id, Json { title: title.asStr(), done: false });
    return { status: 201, body: Json.stringify(tasks.get(id)) };
  }
  return { status: 400, body: "a task needs a title" };
});

api.get("/tasks", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  return { body: Json.stringify(tasks.list()) };
});

api.put("/tasks/:id/done", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  let id = req.vars.get("id");
  if let task = tasks.tryGet(id) {
    tasks.update(id, Json { title: task.get("title").asStr(), done: true });
    done.publish(id);
    return { status: 204 };
  }
  return { status: 404, body: "no task {id}" };
});

let nightly = new cloud.Schedule(cron: "0 3 * * *") as "nightly";
nightly.onTick(inflight () => {
  for task in tasks.list() {
    if task.get("done").asBool() {
      tasks.delete(task.get("id").asStr());
    }
  }
});

test "a task is created, listed, finished and archived" {
  let created = http.post("{api.url}/tasks", body: Json.stringify(Json { title: "write docs" }));
  expect.equal(created.status, 201);
  let id = Json.parse(created.body).get("id").asStr();
  let listed = Json.parse(http.get("{api.url}/tasks").body);
  expect.equal(listed.getAt(0).get("title").asStr(), "write docs");
  expect.equal(http.put("{api.url}/tasks/{id}/done").status, 204);
  util.waitUntil(inflight () => {
    return archive.exists("done/{id}.json");
  });
  expect.equal(Json.parse(archive.get("done/{id}.json")).get("done").asBool(), true);
}

test "bad requests are refused" {
  expect.equal(http.post("{api.url}/tasks", body: "\{}").status, 400);
  expect.equal(http.put("{api.url}/tasks/nope/done").status, 404);
}
