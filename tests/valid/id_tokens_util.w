// Generating identifiers and reading configuration with `bring util`:
// uuidv4, nanoid (default and with size/alphabet), env/tryEnv, sleep and
// waitUntil with timeout and interval (it throws when the timeout elapses).
bring util;
bring expect;

let buildId = util.nanoid(size: 8, alphabet: "0123456789abcdef");

test "ids have the expected shape" {
  let id = util.uuidv4();
  expect.equal(id.length, 36);
  expect.equal(id.split("-").length, 5);
  expect.equal(id.at(14), "4");
  assert(id != util.uuidv4());
  expect.equal(util.nanoid().length, 21);
  expect.equal(buildId.length, 8);
  for i in 0..buildId.length {
    assert("0123456789abcdef".contains(buildId.at(i)));
  }
}

test "environment lookups" {
  expect.equal(util.tryEnv("WINGC_TEST_SURELY_UNSET") ?? "default", "default");
  let var threw = false;
  try {
    util.env("WINGC_TEST_SURELY_UNSET");
  } catch {
    threw = true;
  }
  assert(threw);
}

test "sleeping and waiting" {
  let start = datetime.utcNow().timestampMs;
  util.sleep(50ms);
  assert(datetime.utcNow().timestampMs - start >= 40);
  let var polls = 0;
  let ok = util.waitUntil(inflight (): bool => {
    polls += 1;
    return polls >= 3;
  }, interval: 10ms);
  assert(ok);
  expect.equal(polls, 3);
  let var timedOut = false;
  try {
    util.waitUntil(inflight (): bool => {
      return false;
    }, timeout: 100ms, interval: 20ms);
  } catch {
    timedOut = true;
  }
  assert(timedOut);
}
