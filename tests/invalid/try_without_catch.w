// A `try` block needs a `catch` or a `finally`.
test "parses the config" {
  try {
    let config = Json.parse("\{\"port\": 8080}");
    log("port {config.get("port")}");
  }
  log("done");
}
