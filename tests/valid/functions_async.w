// Thumbnails rendered by a function called synchronously or in the
// background, with its own environment and limits.
bring cloud;
bring util;
bring expect;

let thumbs = new cloud.Bucket() as "thumbs";
let render = new cloud.Function(inflight (event: Json?): Json? => {
  let name = event!.get("name").asStr();
  let size = util.env("THUMB_SIZE");
  thumbs.put("{name}-{size}.png", "thumbnail of {name}");
  return Json { key: "{name}-{size}.png", region: util.tryEnv("NO_SUCH_VARIABLE") ?? "none", renderer: util.env("RENDERER") };
}, env: { "THUMB_SIZE" => "128" }, timeout: 5s, memory: 256, concurrency: 10) as "render";
render.addEnvironment("RENDERER", "sim");

let ids = new cloud.Function(inflight (event: Json?): Json? => {
  return Json { uuid: util.uuidv4(), nano: util.nanoid() };
}) as "ids";

test "invoke gives the result" {
  let result = render.invoke(Json { name: "cat" })!;
  expect.equal(result.get("key").asStr(), "cat-128.png");
  expect.equal(result.get("region").asStr(), "none");
  expect.equal(result.get("renderer").asStr(), "sim");
  expect.ok(thumbs.exists("cat-128.png"));
}

test "invokeAsync runs in the background" {
  render.invokeAsync(Json { name: "dog" });
  util.waitUntil(inflight () => {
    return thumbs.exists("dog-128.png");
  });
  expect.equal(thumbs.get("dog-128.png"), "thumbnail of dog");
}

test "identifiers are random and well formed" {
  let a = ids.invoke(nil)!;
  let b = ids.invoke(nil)!;
  expect.notEqual(a.get("uuid").asStr(), b.get("uuid").asStr());
  expect.match(a.get("uuid").asStr(), "^[0-9a-f]\{8}-[0-9a-f]\{4}-4[0-9a-f]\{3}-[89ab][0-9a-f]\{3}-[0-9a-f]\{12}$");
  expect.equal(a.get("nano").asStr().length, 21);
}
