// A function declared to return `num` returns a `str`.
let parsePort = (raw: str): num => {
  if raw == "" {
    return 8080;
  }
  return raw;
};
