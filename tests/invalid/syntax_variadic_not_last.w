// A variadic parameter must be the last one.
let joinWith = (...parts: Array<str>, separator: str): str => {
  return parts.join(separator);
};
