// `==` between values of unrelated types is always false, so it is rejected.
let statusCode = 404;

if statusCode == "404" {
  log("not found");
}
