// `if let` unwraps an optional; the value here is never nil.
let lookup = (key: str): str => {
  return "value of {key}";
};

if let v = lookup("region") {
  log(v);
}
