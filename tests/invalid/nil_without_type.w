// `let x = nil;` gives no type; write the optional type.
let var lastError = nil;

let record = (message: str) => {
  lastError = message;
};
