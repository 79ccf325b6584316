// Errors, catch and finally.
let parse = inflight (s: str): num => {
  if s == "" {
    throw "empty";
  }
  return num.fromStr(s);
};

test "try, catch, finally" {
  let log = MutArray<str>[];
  try {
    parse("");
  } catch e {
    log.push("caught {e}");
  } finally {
    log.push("cleanup");
  }
  try {
    log.push("{parse("5")}");
  } finally {
    log.push("done");
  }
  assert(log.copy() == ["caught empty", "cleanup", "5", "done"]);
}
