//! A running simulator: takes a loaded [`App`] and [`SimOptions`], gives the
//! live state of each of its resources, the HTTP servers of its Apis and
//! Websites, and workers that deliver queue messages, topic messages,
//! bucket events, schedule ticks and asynchronous invocations. Every test
//! gets a fresh one, so tests never see each other's state.
//!
//! Resource state lives behind mutexes: the test's thread, the workers, the
//! HTTP threads and nested `invoke` calls touch it concurrently. Every
//! change bumps the activity counter, which wakes the workers and
//! `util.waitUntil`.

pub mod bucket;
pub mod counter;
pub mod function;
pub mod http;
pub mod ops;
pub mod props;
pub mod queue;
pub mod schedule;
pub mod secret;
pub mod service;
pub mod store;
pub mod table;
pub mod trace;

pub mod setup;
pub mod workers;

pub use trace::{Outcome, Trace};

use crate::App;
use crate::backend::{Backend, OpCall, ResourceName};
use crate::invoke::{Failure, Invocation};
use function::{Function, TOO_MANY_REQUESTS};
use std::collections::{BTreeMap, HashMap, VecDeque};
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize, Ordering};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::time::{Duration, Instant};
use wing_abi::LiftedValue;
use wing_std::Value;

pub use crate::backend::ResourceIndex;

/// One live resource.
pub struct ResourceNode {
    pub path: String,
    pub type_name: String,
    pub state: ResourceState,
    /// The functions (or queues) this resource runs on its events, from the
    /// manifest's `consumer`, `subscriber` and `handler` edges.
    pub handlers: Vec<EventHandler>,
}

/// `target` runs (or, for a queue, receives) `event`s of a resource.
#[derive(Debug, Clone)]
pub struct EventHandler {
    /// `message` for consumers and subscribers, else the edge's event.
    pub event: String,
    pub target: ResourceIndex,
}

impl ResourceNode {
    /// The targets of `event`.
    pub fn targets<'a>(&'a self, event: &'a str) -> impl Iterator<Item = ResourceIndex> + 'a {
        self.handlers.iter().filter(move |h| h.event == event).map(|h| h.target)
    }
}

/// The behaviour and state of each resource type.
pub enum ResourceState {
    Bucket(bucket::Bucket),
    Queue(queue::Queue),
    Topic,
    Counter(counter::Counter),
    Table(table::Table),
    /// A `cloud.Function`, a handler, or an `OnDeploy`: runs a bundle.
    Function(Function),
    Api(http::api::Api),
    Website(http::website::Website),
    Schedule(schedule::Schedule),
    Secret(secret::Secret),
    Service(service::Service),
    /// A resource with no simulated behaviour.
    Inert,
}

/// One line logged by inflight code (or by the simulator about a resource).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct LogLine {
    /// Path of the resource (or test) whose code logged it.
    pub source: String,
    pub text: String,
}

/// Where log lines go as they are logged (`wingc run` prints them).
pub type LogSink = Arc<dyn Fn(&LogLine) + Send + Sync>;

/// How a simulator runs.
#[derive(Clone, Default)]
pub struct SimOptions {
    /// Persist bucket, counter, table and queue state here.
    pub state_dir: Option<PathBuf>,
    /// Secrets by name (`cloud.Secret`); the process environment is read
    /// for names not in it.
    pub secrets: BTreeMap<String, String>,
    /// Where relative `cloud.Website` paths start (the program's folder).
    pub root: Option<PathBuf>,
    /// Record every invocation (see [`Simulator::traces`]).
    pub trace: bool,
    /// Send log lines here instead of keeping them.
    pub log_sink: Option<LogSink>,
}

/// An asynchronous invocation waiting for a worker.
#[derive(Debug, Clone)]
pub struct AsyncJob {
    pub function: ResourceIndex,
    /// The handler's arguments (strings and Json).
    pub args: Vec<serde_json::Value>,
    /// What the job is for, in messages: `message from root/Default/Topic`.
    pub origin: String,
}

/// Why a function did not give a result.
#[derive(Debug)]
pub enum InvokeError {
    /// Its concurrency limit is reached: it did not run.
    Busy,
    Failed(Failure),
}

impl From<InvokeError> for Failure {
    fn from(error: InvokeError) -> Failure {
        match error {
            InvokeError::Busy => Failure::message(TOO_MANY_REQUESTS),
            InvokeError::Failed(failure) => failure,
        }
    }
}

/// The state shared by everything running in one simulator.
pub struct Shared {
    pub app: App,
    resources: Vec<ResourceNode>,
    by_path: HashMap<String, ResourceIndex>,
    /// Per bundle: its lifts with attribute tokens resolved, when it has any.
    lifts: Vec<Option<Arc<[LiftedValue]>>>,
    options: SimOptions,
    started: Instant,
    /// Bumped by every change; waiters sleep on `changed` under `waiting`,
    /// counted in `waiters` so a change with nobody waiting costs one
    /// atomic add.
    activity: AtomicU64,
    waiting: Mutex<()>,
    waiters: AtomicUsize,
    changed: Condvar,
    stopping: AtomicBool,
    logs: Mutex<Vec<LogLine>>,
    traces: Mutex<Vec<Trace>>,
    jobs: Mutex<VecDeque<AsyncJob>>,
    workers: workers::Pool,
    servers: Mutex<Vec<http::HttpServer>>,
    /// Queues with consumers and schedules: what the workers poll.
    queues: Vec<ResourceIndex>,
    schedules: Vec<ResourceIndex>,
}

fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex.lock().unwrap_or_else(|e| e.into_inner())
}

impl Shared {
    pub fn resource(&self, index: ResourceIndex) -> &ResourceNode {
        &self.resources[index]
    }

    pub fn resources(&self) -> &[ResourceNode] {
        &self.resources
    }

    pub fn index_of(&self, path: &str) -> Option<ResourceIndex> {
        self.by_path.get(path).copied()
    }

    pub fn options(&self) -> &SimOptions {
        &self.options
    }

    /// The lifts of a bundle as this simulator places them.
    pub fn lifts_of(&self, bundle: usize) -> Arc<[LiftedValue]> {
        match &self.lifts[bundle] {
            Some(resolved) => resolved.clone(),
            None => self.app.bundle(bundle).lifts.clone(),
        }
    }

    /// The function at `index`, if it is one.
    pub fn function(&self, index: ResourceIndex) -> Option<&Function> {
        match &self.resources[index].state {
            ResourceState::Function(function) => Some(function),
            _ => None,
        }
    }

    /// Records that some state changed: wakes the workers and waiters.
    pub fn notify(&self) {
        self.activity.fetch_add(1, Ordering::AcqRel);
        if self.waiters.load(Ordering::Acquire) > 0 {
            let _waiting = lock(&self.waiting);
            self.changed.notify_all();
        }
    }

    /// The current activity count, to wait for a change after it.
    pub fn activity(&self) -> u64 {
        self.activity.load(Ordering::Acquire)
    }

    /// Blocks until the activity count differs from `seen`, the simulator
    /// stops, or `until` passes.
    pub fn wait_for_change(&self, seen: u64, until: Instant) {
        let mut waiting = lock(&self.waiting);
        self.waiters.fetch_add(1, Ordering::AcqRel);
        while self.activity() == seen && !self.is_stopping() {
            let now = Instant::now();
            if now >= until {
                break;
            }
            waiting = self.changed.wait_timeout(waiting, until - now).unwrap_or_else(|e| e.into_inner()).0;
        }
        self.waiters.fetch_sub(1, Ordering::AcqRel);
    }

    pub fn is_stopping(&self) -> bool {
        self.stopping.load(Ordering::Acquire)
    }

    pub fn log(&self, source: &str, text: String) {
        let line = LogLine { source: source.to_string(), text };
        match &self.options.log_sink {
            Some(sink) => sink(&line),
            None => lock(&self.logs).push(line),
        }
    }

    pub fn tracing(&self) -> bool {
        self.options.trace
    }

    pub fn record(&self, trace: Trace) {
        lock(&self.traces).push(trace);
    }

    /// Time since the simulator started (trace timestamps).
    pub fn elapsed(&self) -> Duration {
        self.started.elapsed()
    }

    /// Keeps a server started while running (a bucket's) until the
    /// simulator stops.
    pub fn adopt_server(&self, server: http::HttpServer) {
        let mut servers = lock(&self.servers);
        if self.is_stopping() {
            drop(servers);
            server.stop();
        } else {
            servers.push(server);
        }
    }

    /// Queues an asynchronous invocation for the workers.
    pub fn enqueue(self: &Arc<Self>, job: AsyncJob) {
        lock(&self.jobs).push_back(job);
        self.wake_workers();
    }

    pub fn workers(&self) -> &workers::Pool {
        &self.workers
    }

    /// Wakes the workers (starting the first one if none runs yet).
    pub fn wake_workers(self: &Arc<Self>) {
        self.workers.ensure_started(self);
        self.notify();
    }

    /// Runs the function resource at `index` with `args` on this thread.
    pub fn invoke_function(self: &Arc<Self>, index: ResourceIndex, args: &[Value]) -> Result<Value, InvokeError> {
        self.invoke_function_within(index, args, None)
    }

    /// [`Shared::invoke_function`], ending by `deadline` at the latest.
    pub fn invoke_function_within(
        self: &Arc<Self>,
        index: ResourceIndex,
        args: &[Value],
        deadline: Option<Instant>,
    ) -> Result<Value, InvokeError> {
        let Some(function) = self.function(index) else {
            return Err(InvokeError::Failed(Failure::message(format!("{} is not a function", self.resources[index].path))));
        };
        let Some(slot) = function.acquire() else { return Err(InvokeError::Busy) };
        self.invoke_in_slot(index, args, deadline, slot)
    }

    /// Runs the function resource at `index` in a concurrency `slot` it
    /// was given (see [`Function::admit`]).
    pub fn invoke_in_slot(
        self: &Arc<Self>,
        index: ResourceIndex,
        args: &[Value],
        deadline: Option<Instant>,
        _slot: function::Slot,
    ) -> Result<Value, InvokeError> {
        let node = &self.resources[index];
        let Some(function) = self.function(index) else {
            return Err(InvokeError::Failed(Failure::message(format!("{} is not a function", node.path))));
        };
        if self.is_stopping() {
            return Err(InvokeError::Failed(Failure::message(crate::invoke::STOPPED)));
        }
        Invocation::new(self, function.bundle, &node.path)
            .timeout(function.timeout)
            .within(deadline)
            .heap_limit(function.heap_limit)
            .env(function.env.clone())
            .run(args)
            .map_err(InvokeError::Failed)
    }
}

/// The simulator as the host's backend: its resources' state and
/// operations (`ops.rs`), its log, its workers and activity counter.
impl Backend for Shared {
    fn resource(&self, index: ResourceIndex) -> ResourceName<'_> {
        let node = &self.resources[index];
        ResourceName { path: &node.path, type_name: &node.type_name }
    }

    fn index_of(&self, path: &str) -> Option<ResourceIndex> {
        Shared::index_of(self, path)
    }

    fn operation(self: Arc<Self>, call: &OpCall<'_>, args: &[Value]) -> ops::OpResult {
        let context = ops::OpContext { sim: &self, index: call.resource, caller: call.caller, deadline: call.deadline };
        (call.operation.simulated)(&context, args)
    }

    fn attribute(&self, index: ResourceIndex, name: &str) -> Option<String> {
        match (&self.resources[index].state, name) {
            (ResourceState::Api(api), "url") => Some(api.url.clone()),
            (ResourceState::Website(site), "url") => Some(site.url.clone()),
            _ => None,
        }
    }

    fn property(&self, index: ResourceIndex, name: &str) -> Option<serde_json::Value> {
        self.app.manifest().resources.get(index)?.props.get(name).cloned()
    }

    fn log(&self, source: &str, line: String) {
        Shared::log(self, source, line);
    }

    fn tracing(&self) -> bool {
        Shared::tracing(self)
    }

    fn record(&self, trace: Trace) {
        Shared::record(self, trace);
    }

    fn elapsed(&self) -> Duration {
        Shared::elapsed(self)
    }

    fn is_stopping(&self) -> bool {
        Shared::is_stopping(self)
    }

    fn wait_begins(self: Arc<Self>) -> bool {
        self.workers.begin_wait(&self)
    }

    fn wait_ends(&self) {
        self.workers.end_wait();
    }

    fn activity(&self) -> u64 {
        Shared::activity(self)
    }

    fn wait_for_change(&self, seen: u64, until: Instant) {
        Shared::wait_for_change(self, seen, until);
    }
}

/// Why a simulator could not start.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StartError(pub String);

impl std::fmt::Display for StartError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for StartError {}

/// A running simulator for one app.
pub struct Simulator {
    shared: Arc<Shared>,
    stopped: bool,
}

impl Simulator {
    /// Creates every resource of `app` (with the state kept in
    /// `options.state_dir`, if any), serves its Apis and Websites, runs its
    /// `OnDeploy` handlers and starts its services.
    pub fn start(app: &App, options: SimOptions) -> Result<Simulator, StartError> {
        let shared = setup::build(app, options)?;
        let simulator = Simulator { shared, stopped: false };
        setup::deploy(&simulator.shared)?;
        Ok(simulator)
    }

    pub fn shared(&self) -> &Arc<Shared> {
        &self.shared
    }

    /// Invokes the `cloud.Function` at `path` with a Json payload; gives
    /// its Json result.
    pub fn invoke(&self, path: &str, payload: &serde_json::Value) -> Result<serde_json::Value, Failure> {
        let index = self.shared.index_of(path).ok_or_else(|| Failure::message(format!("no resource at {path}")))?;
        let result = self.shared.invoke_function(index, &[Value::from_json(payload)])?;
        result.to_json().map_err(|problem| Failure::message(format!("the result cannot be returned: {problem}")))
    }

    /// Runs a test's bundle on this thread.
    pub fn run_test(&self, bundle: usize, path: &str, timeout: Duration) -> Result<(), Failure> {
        Invocation::new(&self.shared, bundle, path).timeout(timeout).env(Arc::new(function::target_env())).run(&[]).map(|_| ())
    }

    /// The URL of every Api and Website, by resource path.
    pub fn endpoints(&self) -> Vec<(String, String, String)> {
        self.shared
            .resources
            .iter()
            .filter_map(|node| match &node.state {
                ResourceState::Api(api) => Some((node.path.clone(), node.type_name.clone(), api.url.clone())),
                ResourceState::Website(site) => Some((node.path.clone(), node.type_name.clone(), site.url.clone())),
                _ => None,
            })
            .collect()
    }

    /// Every line logged so far, in order (none when a sink takes them).
    pub fn logs(&self) -> Vec<LogLine> {
        lock(&self.shared.logs).clone()
    }

    /// Every invocation recorded so far (with `SimOptions::trace`).
    pub fn traces(&self) -> Vec<Trace> {
        lock(&self.shared.traces).clone()
    }

    /// Stops the services (running their stop handlers), the HTTP servers
    /// and the workers.
    pub fn stop(mut self) {
        self.shutdown();
    }

    fn shutdown(&mut self) {
        if std::mem::replace(&mut self.stopped, true) {
            return;
        }
        service::stop_all(&self.shared);
        self.shared.stopping.store(true, Ordering::Release);
        self.shared.notify();
        drop(lock(&self.shared.waiting));
        self.shared.changed.notify_all();
        for server in std::mem::take(&mut *lock(&self.shared.servers)) {
            server.stop();
        }
        self.shared.workers.join();
    }
}

impl Drop for Simulator {
    fn drop(&mut self) {
        self.shutdown();
    }
}
