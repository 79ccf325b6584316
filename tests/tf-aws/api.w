// A small REST Api with CORS; one handler builds links from the Api's url.
bring cloud;

let notes = new cloud.Bucket() as "notes";
let api = new cloud.Api(cors: true, corsOptions: { allowOrigin: "https://notes.example.com", allowCredentials: true }) as "notes-api";

api.get("/notes/:id", inflight (req) => {
  if let body = notes.tryGet(req.vars.get("id")) {
    return { status: 200, body: body };
  }
  return { status: 404 };
});
api.post("/notes", inflight (req) => {
  let id = "n{datetime.utcNow().timestampMs}";
  notes.put(id, req.body ?? "");
  return { status: 201, headers: { "location": "{api.url}/notes/{id}" } };
});
