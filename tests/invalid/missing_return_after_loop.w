// A `return` inside a loop does not cover the path where the loop finishes without returning.
let findAdmin = (users: Array<str>): str => {
  for u in users {
    if u.startsWith("admin:") {
      return u;
    }
  }
};
