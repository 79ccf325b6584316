// An `inflight class` only exists at runtime: it cannot be created preflight.
inflight class Timer {
  start: num;
  new() {
    this.start = 0;
  }
  pub elapsed(): num {
    return 1;
  }
}

let t = new Timer();
