//! `cloud.Function` (also every handler: a queue consumer, an Api route, a
//! schedule tick): takes the resource's props, gives how its bundle runs
//! (timeout, memory, environment) and how many invocations may run at once.

use super::props::{Props, duration_prop, map_prop, num_prop};
use std::collections::BTreeMap;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

/// Wing's default function timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);
/// Wing's default memory, in MB.
pub const DEFAULT_MEMORY_MB: f64 = 1024.0;
/// Wing's default number of invocations of one function at once.
const DEFAULT_CONCURRENCY: usize = 100;

/// The message of an invocation refused because too many are running.
pub const TOO_MANY_REQUESTS: &str = "Too many requests, the function has reached its concurrency limit.";

#[derive(Debug)]
pub struct Function {
    pub bundle: usize,
    pub timeout: Duration,
    /// Bytes the values of one invocation may use.
    pub heap_limit: usize,
    /// The environment `util.env` reads first.
    pub env: Arc<BTreeMap<String, String>>,
    concurrency: usize,
    running: AtomicUsize,
}

/// One slot of a function's concurrency, given back when dropped.
pub struct Slot<'a>(&'a AtomicUsize);

impl Drop for Slot<'_> {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

impl Function {
    pub fn new(bundle: usize, props: &Props) -> Function {
        let memory = num_prop(props, "memory").unwrap_or(DEFAULT_MEMORY_MB);
        let env = map_prop(props, "env").into_iter().collect();
        Function {
            bundle,
            timeout: duration_prop(props, "timeout").unwrap_or(DEFAULT_TIMEOUT),
            heap_limit: (memory * 1024.0 * 1024.0) as usize,
            env: Arc::new(env),
            concurrency: num_prop(props, "concurrency").map_or(DEFAULT_CONCURRENCY, |c| c.max(1.0) as usize),
            running: AtomicUsize::new(0),
        }
    }

    /// A slot to run one more invocation, if the concurrency allows it.
    pub fn acquire(&self) -> Option<Slot<'_>> {
        let mut running = self.running.load(Ordering::Acquire);
        loop {
            if running >= self.concurrency {
                return None;
            }
            match self.running.compare_exchange_weak(running, running + 1, Ordering::AcqRel, Ordering::Acquire) {
                Ok(_) => return Some(Slot(&self.running)),
                Err(now) => running = now,
            }
        }
    }

    /// Whether another invocation could start now.
    pub fn has_capacity(&self) -> bool {
        self.running.load(Ordering::Acquire) < self.concurrency
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
}
