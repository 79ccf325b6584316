// A `throw` reached while the app is compiled (preflight) stops the compilation with its message.
bring cloud;

let maxRetries = 12;
if maxRetries > 10 {
  throw "maxRetries must be at most 10, got {maxRetries}";
}
let queue = new cloud.Queue();
