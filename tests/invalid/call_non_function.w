// Calling a value that is not a function.
struct Config {
  timeout: duration;
}

let cfg = Config { timeout: 30s };
let seconds = cfg.timeout();
