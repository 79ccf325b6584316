// An API endpoint handler written as a class.
bring cloud;
bring http;

class Hello impl cloud.IApiEndpointHandler {
  greeting: str;
  new(greeting: str) {
    this.greeting = greeting;
  }
  pub inflight handle(req: cloud.ApiRequest): cloud.ApiResponse? {
    let who = req.query.tryGet("name") ?? "world";
    return { status: 200, body: "{this.greeting}, {who}!" };
  }
}

let api = new cloud.Api();
api.get("/hello", new Hello("Hi"));

test "the class answers requests" {
  assert(http.get("{api.url}/hello?name=Ada").body == "Hi, Ada!");
  assert(http.get("{api.url}/hello").body == "Hi, world!");
}
