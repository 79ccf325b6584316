// A preflight closure that uses a binding declared after the call that runs it.
let describe = (): str => {
  return "service {name}";
};

let summary = describe();
let name = "billing";
