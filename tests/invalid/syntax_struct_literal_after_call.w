// `Name { … }` needs a struct type name before the `{`, not a call.
struct Options {
  verbose: bool;
}

let makeOptions = (): str => {
  return "Options";
};

let o = makeOptions() { verbose: true };
