// Struct values are immutable: a field of one cannot be assigned.
struct Settings {
  retries: num;
  verbose: bool;
}

let defaults = Settings { retries: 3, verbose: false };
defaults.retries = 5;
