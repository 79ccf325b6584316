// A preflight method of a user class cannot be lifted into inflight code.
bring cloud;

class Jobs {
  queue: cloud.Queue;
  new() {
    this.queue = new cloud.Queue();
  }
  pub addWorker(name: str) {
    this.queue.setConsumer(inflight (msg: str) => {
      log("{name} got {msg}");
    });
  }
  pub inflight submit(job: str) {
    this.queue.push(job);
  }
}

let jobs = new Jobs();

test "adds a worker on demand" {
  jobs.addWorker("late");
  jobs.submit("build");
}
