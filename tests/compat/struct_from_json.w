// Validating Json into structs.
struct Config {
  host: str;
  port: num;
  debug: bool?;
}

test "fromJson" {
  let c = Config.fromJson({ host: "localhost", port: 8080 });
  assert(c.host == "localhost");
  assert(c.port == 8080);
  assert(c.debug == nil);
  assert(Config.tryFromJson({ host: 1 }) == nil);
  let var failed = false;
  try {
    Config.fromJson({ port: "x" });
  } catch {
    failed = true;
  }
  assert(failed);
}
