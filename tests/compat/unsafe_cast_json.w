// Reading loosely typed data with `unsafeCast` and Json conversions.
struct Settings {
  retries: num;
  name: str;
}

test "casts" {
  let j = Json { retries: 3, name: "svc" };
  let s: Settings = unsafeCast(j);
  assert(s.retries == 3);
  let n: num = unsafeCast(j.get("retries"));
  assert(n + 1 == 4);
  assert(str.fromJson(j.get("name")) == "svc");
  assert(num.fromJson(Json 5) == 5);
  assert(bool.fromJson(Json true));
}
