// An inflight closure can only run inflight: calling it at the top level is an error.
bring cloud;

let counter = new cloud.Counter();

let nextId = inflight (): num => {
  return counter.inc();
};

let firstId = nextId();
