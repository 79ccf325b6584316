// Functions with limits, called directly: an invocation that exceeds its
// timeout, loops forever, allocates past its memory, recurses forever or
// throws fails with a clear error the caller can catch, and the next
// invocation is served.
bring cloud;
bring util;
bring expect;

let slow = new cloud.Function(inflight (event: Json?): Json? => {
  util.sleep(10s);
  return "never";
}, timeout: 50ms) as "slow";

let spinner = new cloud.Function(inflight (event: Json?): Json? => {
  let var n = 0;
  while true {
    n += 1;
  }
  return n;
}, timeout: 50ms) as "spinner";

let hog = new cloud.Function(inflight (event: Json?): Json? => {
  let var blob = "0123456789abcdef";
  while true {
    blob = blob + blob;
  }
  return blob.length;
}, memory: 16) as "hog";

let deep = new cloud.Function(inflight (event: Json?): Json? => {
  let down = (n: num): num => {
    return down(n + 1) + 1;
  };
  return down(0);
}) as "deep";

let strict = new cloud.Function(inflight (event: Json?): Json? => {
  if event == nil {
    throw "an order needs a body";
  }
  return Json { ok: true };
}) as "strict";

let healthy = new cloud.Function(inflight (event: Json?): Json? => {
  return "healthy";
}) as "healthy";

test "a function that exceeds its timeout fails with a timeout" {
  let var error = "";
  try {
    slow.invoke(nil);
  } catch e {
    error = e;
  }
  expect.equal(error, "timed out after 50ms");
  expect.equal(healthy.invoke(nil), "healthy");
}

test "a function that loops forever is stopped" {
  let var error = "";
  try {
    spinner.invoke(nil);
  } catch e {
    error = e;
  }
  expect.equal(error, "timed out after 50ms");
  expect.equal(healthy.invoke(nil), "healthy");
}

test "a function that allocates past its memory limit fails and the next is served" {
  let var error = "";
  try {
    hog.invoke(nil);
  } catch e {
    error = e;
  }
  expect.equal(error, "out of memory: the invocation used more than 16 MB");
  expect.equal(healthy.invoke(nil), "healthy");
  expect.equal(strict.invoke(Json { id: 1 }), Json { ok: true });
}

test "a function that recurses forever crashes alone" {
  let var error = "";
  try {
    deep.invoke(nil);
  } catch e {
    error = e;
  }
  expect.equal(error, "stack overflow (is there an endless recursion?)");
  expect.equal(healthy.invoke(nil), "healthy");
}

test "a thrown error reaches the caller's catch" {
  let var error = "";
  try {
    strict.invoke(nil);
  } catch e {
    error = e;
  }
  expect.equal(error, "an order needs a body");
}
