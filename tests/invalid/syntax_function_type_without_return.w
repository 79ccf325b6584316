// A function type needs a return type, even when it is `void`.
let retry = (attempts: num, onFailure: (num, str)) => {
  onFailure(attempts, "gave up");
};
