//! `cloud.Function` (also every handler: a queue consumer, an Api route, a
//! schedule tick): takes the resource's props, gives how its bundle runs
//! (timeout, memory, environment) and how many invocations may run at once.
//! A synchronous caller beyond that many is refused ([`Function::acquire`]);
//! an HTTP request waits its turn without holding a thread
//! ([`Function::admit`]), up to [`MAX_WAITING`] requests.

use super::http::Pace;
use super::props::{Props, duration_prop, map_prop, num_prop};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use tokio::sync::Notify;

/// Wing's default function timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Wing's default memory, in MB.
pub const DEFAULT_MEMORY_MB: f64 = 1024.0;
/// Wing's default number of invocations of one function at once.
const DEFAULT_CONCURRENCY: usize = 100;
/// Requests that may wait for a slot of one function; more are refused.
pub const MAX_WAITING: usize = 1_000;

/// The message of an invocation refused because too many are running.
pub const TOO_MANY_REQUESTS: &str = "Too many requests, the function has reached its concurrency limit.";

/// What every invocation in the simulator reads with `util.env` besides a
/// function's own `env`: `WING_TARGET` is `sim`, as Wing's simulator sets it.
pub fn target_env() -> BTreeMap<String, String> {
    BTreeMap::from([("WING_TARGET".to_string(), "sim".to_string())])
}

#[derive(Debug)]
pub struct Function {
    pub bundle: usize,
    pub timeout: Duration,
    /// Bytes the values of one invocation may use.
    pub heap_limit: usize,
    /// The environment `util.env` reads first.
    pub env: Arc<BTreeMap<String, String>>,
    /// How quick its last run was (where the next runs: [`in_place`]).
    ///
    /// [`in_place`]: super::http::in_place
    pub pace: Arc<Pace>,
    concurrency: usize,
    slots: Arc<Slots>,
}

/// The invocations of one function running and waiting.
#[derive(Debug, Default)]
struct Slots {
    running: AtomicUsize,
    waiting: AtomicUsize,
    /// Woken when a slot is given back.
    freed: Notify,
}

/// One slot of a function's concurrency, given back when dropped.
pub struct Slot(Arc<Slots>);

impl Drop for Slot {
    fn drop(&mut self) {
        self.0.running.fetch_sub(1, Ordering::AcqRel);
        self.0.freed.notify_one();
    }
}

/// Counts a waiting request until dropped (also when its wait is given up).
struct Waiting<'a>(&'a AtomicUsize);

impl Drop for Waiting<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Function {
    pub fn new(bundle: usize, props: &Props) -> Function {
        let memory = num_prop(props, "memory").unwrap_or(DEFAULT_MEMORY_MB);
        let mut env = target_env();
        env.extend(map_prop(props, "env"));
        Function {
            bundle,
            timeout: duration_prop(props, "timeout").unwrap_or(DEFAULT_TIMEOUT),
            heap_limit: (memory * 1024.0 * 1024.0) as usize,
            env: Arc::new(env),
            concurrency: num_prop(props, "concurrency").map_or(DEFAULT_CONCURRENCY, |c| c.max(1.0) as usize),
            pace: Arc::default(),
            slots: Arc::default(),
        }
    }

    /// A slot to run one more invocation, if the concurrency allows it.
    pub fn acquire(&self) -> Option<Slot> {
        let running = &self.slots.running;
        let mut now = running.load(Ordering::Acquire);
        loop {
            if now >= self.concurrency {
                return None;
            }
            match running.compare_exchange_weak(now, now + 1, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return Some(Slot(self.slots.clone())),
                Err(changed) => now = changed,
            }
        }
    }

    /// A slot, once one is free; `None` at once when [`MAX_WAITING`]
    /// requests already wait. Waiting holds no thread.
    pub async fn admit(&self) -> Option<Slot> {
        if let Some(slot) = self.acquire() {
            return Some(slot);
        }
        if self.slots.waiting.fetch_add(1, Ordering::AcqRel) >= MAX_WAITING {
            self.slots.waiting.fetch_sub(1, Ordering::AcqRel);
            return None;
        }
        let _waiting = Waiting(&self.slots.waiting);
        loop {
            let freed = self.slots.freed.notified();
            tokio::pin!(freed);
            freed.as_mut().enable();
            if let Some(slot) = self.acquire() {
                return Some(slot);
            }
            freed.await;
        }
    }

    /// Whether another invocation could start now.
    pub fn has_capacity(&self) -> bool {
        self.slots.running.load(Ordering::Acquire) < self.concurrency
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn concurrency_slots_are_given_back() {
        let props: Props = [("concurrency".to_string(), serde_json::json!(1))].into_iter().collect();
        let function = Function::new(0, &props);
        let slot = function.acquire().expect("a first slot");
        assert!(function.acquire().is_none());
        drop(slot);
        assert!(function.acquire().is_some());
        assert_eq!(function.timeout, DEFAULT_TIMEOUT);
    }

    #[test]
    fn a_request_waits_for_a_slot() {
        let props: Props = [("concurrency".to_string(), serde_json::json!(1))].into_iter().collect();
        let function = Arc::new(Function::new(0, &props));
        let slot = function.acquire().expect("a first slot");
        let waiter = function.clone();
        let waiting = crate::sim::http::runtime().spawn(async move { waiter.admit().await.is_some() });
        while function.slots.waiting.load(Ordering::Acquire) == 0 {
            std::thread::yield_now();
        }
        drop(slot);
        assert!(crate::sim::http::runtime().block_on(waiting).expect("the waiter ends"));
        assert_eq!(function.slots.waiting.load(Ordering::Acquire), 0);
    }
}
