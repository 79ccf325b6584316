// Utilities (`wing:util`): waiting inside an invocation, identifiers and
// the environment of the running function.

pub struct WaitUntilProps {
  timeout: duration?;
  interval: duration?;
  throws: bool?;
}

pub struct NanoidOptions {
  size: num?;
  alphabet: str?;
}

pub extern inflight waitUntil(predicate: inflight (): bool, props: WaitUntilProps?): bool;
pub extern inflight sleep(delay: duration): void;
pub extern unphased uuidv4(): str;
pub extern unphased nanoid(options: NanoidOptions?): str;
// Preflight: the compiler's environment. Inflight: only the running
// function's `env` (as in Wing), never the simulator process's.
pub extern unphased env(name: str): str;
pub extern unphased tryEnv(name: str): str?;

pub struct ShellOptions {
  cwd: str?;
  env: Map<str>?;
  inheritEnv: bool?;
  throw: bool?;
}

// Runs a command with `sh -c` and gives its standard output; a non-zero
// exit raises an error with its standard error (unless `throw: false`).
pub extern inflight shell(command: str, opts: ShellOptions?): str;
