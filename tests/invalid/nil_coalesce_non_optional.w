// `??` gives a default for an optional value; this value is never nil.
let greet = (name: str): str => {
  return "hello " + (name ?? "stranger");
};
