//! A running simulator: takes a loaded [`App`], gives the live state of
//! each of its resources and a background dispatcher that delivers queue
//! messages to their consumers. Every `test` gets a fresh one, so tests
//! never see each other's state.
//!
//! Resource state lives behind mutexes: the test's thread, the dispatcher
//! and nested `invoke` calls touch it concurrently. Every change bumps the
//! activity counter, which wakes the dispatcher and `util.waitUntil`.

mod bucket;
mod counter;
mod dispatch;
mod queue;

pub use bucket::Bucket;
pub use counter::Counter;
pub use queue::Queue;

use crate::App;
use crate::invoke::{Failure, Invocation};
use std::collections::HashMap;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Condvar, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use wing_abi::EdgeKind;
use wing_std::Value;

/// A resource, by its index in the manifest.
pub type ResourceIndex = usize;

/// One live resource.
pub struct ResourceNode {
    pub path: String,
    pub type_name: String,
    pub state: ResourceState,
}

/// The behaviour and state of each resource type.
pub enum ResourceState {
    Bucket(Bucket),
    Queue(Queue),
    Counter(Counter),
    /// A `cloud.Function` (also a queue consumer): runs a bundle.
    Function(FunctionConfig),
    /// A resource with no simulated behaviour.
    Inert,
}

/// How a function resource runs.
#[derive(Debug, Clone)]
pub struct FunctionConfig {
    pub bundle: usize,
    pub timeout: Duration,
}

/// Wing's default function timeout.
pub const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

/// One line logged by inflight code.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// Path of the resource (or test) whose code logged it.
    pub source: String,
    pub text: String,
}

/// The state shared by everything running in one simulator.
pub struct Shared {
    pub app: App,
    resources: Vec<ResourceNode>,
    by_path: HashMap<String, ResourceIndex>,
    activity: Mutex<u64>,
    changed: Condvar,
    stopping: AtomicBool,
    logs: Mutex<Vec<LogLine>>,
}

impl Shared {
    pub fn resource(&self, index: ResourceIndex) -> &ResourceNode {
        &self.resources[index]
    }

    pub fn index_of(&self, path: &str) -> Option<ResourceIndex> {
        self.by_path.get(path).copied()
    }

    pub fn bucket(&self, index: ResourceIndex) -> &Bucket {
        match &self.resources[index].state {
            ResourceState::Bucket(bucket) => bucket,
            _ => unreachable!("capability checks guarantee the resource type"),
        }
    }

    pub fn queue(&self, index: ResourceIndex) -> &Queue {
        match &self.resources[index].state {
            ResourceState::Queue(queue) => queue,
            _ => unreachable!("capability checks guarantee the resource type"),
        }
    }

    pub fn counter(&self, index: ResourceIndex) -> &Counter {
        match &self.resources[index].state {
            ResourceState::Counter(counter) => counter,
            _ => unreachable!("capability checks guarantee the resource type"),
        }
    }

    /// Records that some state changed: wakes the dispatcher and waiters.
    pub fn notify(&self) {
        let mut activity = self.activity.lock().unwrap_or_else(|e| e.into_inner());
        *activity += 1;
        self.changed.notify_all();
    }

    /// The current activity count, to wait for a change after it.
    pub fn activity(&self) -> u64 {
        *self.activity.lock().unwrap_or_else(|e| e.into_inner())
    }

    /// Blocks until the activity count differs from `seen`, the simulator
    /// stops, or `until` passes.
    pub fn wait_for_change(&self, seen: u64, until: Instant) {
        let mut activity = self.activity.lock().unwrap_or_else(|e| e.into_inner());
        while *activity == seen && !self.is_stopping() {
            let now = Instant::now();
            if now >= until {
                return;
            }
            activity = self.changed.wait_timeout(activity, until - now).unwrap_or_else(|e| e.into_inner()).0;
        }
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::Acquire)
    }

    pub fn log(&self, source: &str, text: String) {
        self.logs.lock().unwrap_or_else(|e| e.into_inner()).push(LogLine { source: source.to_string(), text });
    }

    /// Runs the function resource at `index` with `payload` on this thread.
    pub fn invoke_function(self: &Arc<Self>, index: ResourceIndex, payload: Value) -> Result<Value, Failure> {
        let node = &self.resources[index];
        let ResourceState::Function(config) = &node.state else {
            return Err(Failure::message(format!("{} is not a function", node.path)));
        };
        Invocation::new(self, config.bundle, &node.path).timeout(config.timeout).run(&[payload])
    }
}

/// A running simulator for one app.
pub struct Simulator {
    shared: Arc<Shared>,
    dispatcher: Option<JoinHandle<()>>,
}

impl Simulator {
    /// Creates every resource of `app` with empty state and starts
    /// delivering queue messages.
    pub fn start(app: &App) -> Simulator {
        let manifest = app.manifest();
        let mut consumers: HashMap<&str, Vec<&str>> = HashMap::new();
        for edge in manifest.edges.iter().filter(|e| e.kind == EdgeKind::Consumer) {
            consumers.entry(edge.from.as_str()).or_default().push(edge.to.as_str());
        }
        let by_path: HashMap<String, ResourceIndex> =
            manifest.resources.iter().enumerate().map(|(i, r)| (r.path.clone(), i)).collect();
        let resources: Vec<ResourceNode> = manifest
            .resources
            .iter()
            .map(|resource| {
                let consumer_of = |path: &str| {
                    consumers
                        .get(path)
                        .map_or_else(Vec::new, |targets| targets.iter().filter_map(|t| by_path.get(*t).copied()).collect())
                };
                let state = match resource.type_name.as_str() {
                    "cloud.Bucket" => ResourceState::Bucket(Bucket::default()),
                    "cloud.Queue" => ResourceState::Queue(Queue::new(&resource.props, consumer_of(&resource.path))),
                    "cloud.Counter" => ResourceState::Counter(Counter::new(&resource.props)),
                    "cloud.Function" => match resource.bundle.as_deref().and_then(|id| app.bundle_index(id)) {
                        Some(bundle) => ResourceState::Function(FunctionConfig {
                            bundle,
                            timeout: duration_prop(&resource.props, "timeout").unwrap_or(DEFAULT_TIMEOUT),
                        }),
                        None => ResourceState::Inert,
                    },
                    _ => ResourceState::Inert,
                };
                ResourceNode { path: resource.path.clone(), type_name: resource.type_name.clone(), state }
            })
            .collect();
        let has_consumers = resources.iter().any(|r| matches!(&r.state, ResourceState::Queue(q) if q.has_consumer()));
        let shared = Arc::new(Shared {
            app: app.clone(),
            resources,
            by_path,
            activity: Mutex::new(0),
            changed: Condvar::new(),
            stopping: AtomicBool::new(false),
            logs: Mutex::new(Vec::new()),
        });
        let dispatcher = has_consumers.then(|| dispatch::start(shared.clone()));
        Simulator { shared, dispatcher }
    }

    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Invokes the `cloud.Function` at `path` with a Json payload; gives
    /// its Json result.
    pub fn invoke(&self, path: &str, payload: &serde_json::Value) -> Result<serde_json::Value, Failure> {
        let index = self.shared.index_of(path).ok_or_else(|| Failure::message(format!("no resource at {path}")))?;
        let result = self.shared.invoke_function(index, Value::from_json(payload))?;
        Ok(result.to_json())
    }

    /// Runs a test's bundle on this thread.
    pub fn run_test(&self, bundle: usize, path: &str, timeout: Duration) -> Result<(), Failure> {
        Invocation::new(&self.shared, bundle, path).timeout(timeout).run(&[]).map(|_| ())
    }

    /// Every line logged so far, in order.
    pub fn logs(&self) -> Vec<LogLine> {
        self.shared.logs.lock().unwrap_or_else(|e| e.into_inner()).clone()
    }

    /// Stops delivering messages and waits for the dispatcher to finish.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        self.shared.stopping.store(true, Ordering::Release);
        self.shared.notify();
        if let Some(dispatcher) = self.dispatcher.take() {
            let _ = dispatcher.join();
        }
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.shutdown();
    }
}

/// A duration prop (seconds in the manifest).
pub fn duration_prop(props: &std::collections::BTreeMap<String, serde_json::Value>, name: &str) -> Option<Duration> {
    props.get(name).and_then(serde_json::Value::as_f64).filter(|s| s.is_finite() && *s >= 0.0).map(Duration::from_secs_f64)
}
