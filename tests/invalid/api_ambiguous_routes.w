// Two routes of one method that one request could match: Wing 0.85.49
// rejects the second ("Endpoint for path '/test/:variable' and method 'GET'
// is ambiguous - it conflicts with existing endpoint for path
// '/test/path'"). Compiling stops at the first one, preflight.
bring cloud;

let api = new cloud.Api();
let ok = inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  return { status: 200 };
};
// Fine: another method, another number of segments, a literal segment that differs.
api.get("/test/path", ok);
api.post("/test/:variable", ok);
api.get("/test/path/:more", ok);
api.get("/users/:id/posts", ok);
api.get("/users/:id/likes", ok);
// Ambiguous with `GET /test/path`.
api.get("/test/:variable", ok);
