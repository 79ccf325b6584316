//! The workers of a simulator: threads that take whatever is ready — an
//! asynchronous invocation (topic message, bucket event, `invokeAsync`,
//! schedule tick), a batch of queue messages — and run it, until the
//! simulator stops. The first worker starts with the first work. Another
//! starts when every worker is busy and fewer than one per core are
//! running code, or when a busy worker's handler starts to wait (sleep,
//! `waitUntil`, an HTTP request): a waiting handler never holds up the
//! others, and CPU-bound work does not pile threads on the cores. Workers
//! beyond one per core leave after a while without work.

use super::queue::{self, Ready};
use super::{AsyncJob, InvokeError, ResourceIndex, ResourceState, Shared, lock};
use std::cell::Cell;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use wing_std::Value;

/// How long an idle worker sleeps when nothing is scheduled.
const IDLE: Duration = Duration::from_secs(1);
/// How long a worker beyond one per core stays without work.
const LINGER: Duration = Duration::from_secs(2);
/// The most workers one simulator runs.
const MAX_WORKERS: usize = 64;

thread_local! {
    /// Whether this thread is a worker (its waits count as blocked).
    static ON_WORKER: Cell<bool> = const { Cell::new(false) };
}

#[derive(Default)]
pub struct Pool {
    threads: Mutex<Vec<JoinHandle<()>>>,
    count: AtomicUsize,
    busy: AtomicUsize,
    /// Busy workers whose handler is waiting.
    blocked: AtomicUsize,
}

/// The machine's cores (asked once: the answer reads files under /sys).
fn cores() -> usize {
    static CORES: std::sync::OnceLock<usize> = std::sync::OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(1, |n| n.get()))
}

impl Pool {
    /// Called before a handler waits: on a worker, counts it as blocked and
    /// starts another worker if none would be free. `true` when
    /// [`Pool::end_wait`] must follow.
    pub fn begin_wait(&self, sim: &Arc<Shared>) -> bool {
        if !ON_WORKER.get() {
            return false;
        }
        self.blocked.fetch_add(1, Ordering::AcqRel);
        if self.busy.load(Ordering::Acquire) >= self.count.load(Ordering::Acquire) {
            self.spawn(sim);
        }
        true
    }

    /// The wait [`Pool::begin_wait`] counted is over.
    pub fn end_wait(&self) {
        self.blocked.fetch_sub(1, Ordering::AcqRel);
    }

    /// Whether a worker that just took a job should get a helper.
    fn wants_helper(&self) -> bool {
        let (count, busy) = (self.count.load(Ordering::Acquire), self.busy.load(Ordering::Acquire));
        busy >= count && busy.saturating_sub(self.blocked.load(Ordering::Acquire)) < cores()
    }

    /// Starts the first worker if none runs.
    pub fn ensure_started(&self, sim: &Arc<Shared>) {
        if self.count.load(Ordering::Acquire) == 0 {
            self.spawn(sim);
        }
    }

    fn spawn(&self, sim: &Arc<Shared>) {
        let mut threads = lock(&self.threads);
        if sim.is_stopping() || self.count.load(Ordering::Acquire) >= MAX_WORKERS {
            return;
        }
        let worker = sim.clone();
        if let Ok(thread) = std::thread::Builder::new()
            .name("wing-worker".into())
            .stack_size(crate::engine::INVOCATION_STACK)
            .spawn(move || run(&worker))
        {
            self.count.fetch_add(1, Ordering::AcqRel);
            threads.push(thread);
        }
    }

    /// Lets an idle worker go when there are more than one per core.
    fn leave_if_extra(&self) -> bool {
        let mut count = self.count.load(Ordering::Acquire);
        while count > cores() {
            match self.count.compare_exchange(count, count - 1, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return true,
                Err(now) => count = now,
            }
        }
        false
    }

    /// Waits for every worker to finish (the simulator is stopping).
    pub fn join(&self) {
        loop {
            let threads = std::mem::take(&mut *lock(&self.threads));
            if threads.is_empty() {
                return;
            }
            for thread in threads {
                let _ = thread.join();
            }
        }
    }
}

/// Work ready to run.
enum Job {
    Async(AsyncJob),
    Deliver { queue: ResourceIndex, consumer: ResourceIndex, batch: Vec<queue::Delivery> },
}

fn run(sim: &Arc<Shared>) {
    ON_WORKER.set(true);
    let pool = &sim.workers;
    let mut last_job = Instant::now();
    while !sim.is_stopping() {
        let seen = sim.activity();
        match next_job(sim, Instant::now()) {
            Ok(job) => {
                pool.busy.fetch_add(1, Ordering::AcqRel);
                if pool.wants_helper() {
                    pool.spawn(sim);
                }
                run_job(sim, job);
                pool.busy.fetch_sub(1, Ordering::AcqRel);
                last_job = Instant::now();
            }
            Err(wake) => {
                if last_job.elapsed() > LINGER && pool.leave_if_extra() {
                    return;
                }
                sim.wait_for_change(seen, wake.min(Instant::now() + LINGER));
            }
        }
    }
}

/// The next job, or when to look again.
fn next_job(sim: &Arc<Shared>, now: Instant) -> Result<Job, Instant> {
    let mut wake = now + IDLE;
    for &index in &sim.schedules {
        let ResourceState::Schedule(schedule) = &sim.resource(index).state else { continue };
        match schedule.take_due(now) {
            Ok(()) => tick(sim, index),
            Err(next) => wake = wake.min(next.unwrap_or(wake)),
        }
    }
    if let Some(job) = take_async(sim) {
        return Ok(Job::Async(job));
    }
    for &index in &sim.queues {
        let ResourceState::Queue(queue) = &sim.resource(index).state else { continue };
        match queue.take(&|c| sim.function(c).is_some_and(|f| f.has_capacity()), now) {
            Ready::Batch(consumer, batch) => return Ok(Job::Deliver { queue: index, consumer, batch }),
            Ready::Later(next) => wake = wake.min(next.unwrap_or(wake)),
        }
    }
    Err(wake)
}

/// Queues the schedule's tick handlers.
fn tick(sim: &Arc<Shared>, schedule: ResourceIndex) {
    let node = sim.resource(schedule);
    for function in node.targets("tick") {
        lock(&sim.jobs).push_back(AsyncJob { function, args: Vec::new(), origin: format!("tick of {}", node.path) });
    }
}

/// The oldest waiting job whose function can run now.
fn take_async(sim: &Shared) -> Option<AsyncJob> {
    let mut jobs = lock(&sim.jobs);
    let at = jobs.iter().position(|job| sim.function(job.function).is_none_or(|f| f.has_capacity()))?;
    jobs.remove(at)
}

fn run_job(sim: &Arc<Shared>, job: Job) {
    match job {
        Job::Async(job) => {
            let args: Vec<Value> = job.args.iter().map(Value::from_json).collect();
            match sim.invoke_function(job.function, &args) {
                Ok(_) => {}
                Err(InvokeError::Busy) => lock(&sim.jobs).push_front(job),
                Err(InvokeError::Failed(failure)) => log_failure(sim, job.function, &failure, &job.origin),
            }
        }
        Job::Deliver { queue, consumer, batch } => {
            for delivery in batch {
                deliver(sim, queue, consumer, delivery);
            }
        }
    }
    sim.notify();
}

/// Runs the consumer on one message; acknowledges, releases or fails it.
fn deliver(sim: &Arc<Shared>, index: ResourceIndex, consumer: ResourceIndex, delivery: queue::Delivery) {
    let ResourceState::Queue(queue) = &sim.resource(index).state else { return };
    match sim.invoke_function(consumer, &[Value::str(&delivery.body)]) {
        Ok(_) => queue.acknowledge(delivery.id),
        // A delivery the stopping simulator interrupted is not an attempt:
        // the message stays as it was (and in the state dir).
        Err(InvokeError::Busy) => queue.release(delivery.id),
        Err(InvokeError::Failed(_)) if sim.is_stopping() => queue.release(delivery.id),
        Err(InvokeError::Failed(failure)) => {
            let source = &sim.resource(index).path;
            match queue.fail(delivery.id) {
                Some((dead_letters, body)) => {
                    let target = &sim.resource(dead_letters).path;
                    let what = format!("message from {source}, moved to the dead-letter queue {target}");
                    log_failure(sim, consumer, &failure, &what);
                    if let Err(error) = queue::push(sim, dead_letters, &[body]) {
                        sim.log(source, format!("error: cannot move a message to {target}: {error:?}"));
                    }
                }
                None => {
                    let what = format!("message from {source}, retried after the visibility timeout");
                    log_failure(sim, consumer, &failure, &what);
                }
            }
        }
    }
}

/// Logs a failed invocation of `function`: the message, what it was for,
/// then the inflight stack trace.
fn log_failure(sim: &Shared, function: ResourceIndex, failure: &crate::invoke::Failure, what: &str) {
    let mut text = format!("error: {} ({what})", failure.message);
    for frame in &failure.trace {
        text.push_str(&format!("\n  {frame}"));
    }
    sim.log(&sim.resource(function).path, text);
}
