//! What a host's resources are, wherever bundles run: takes nothing, gives
//! the [`Backend`] trait that an invocation's state holds. The host
//! functions (values, `log`, `throw`, std, `util`, `http`) and the
//! capability checks are the same for every backend; a backend says which
//! resources exist, runs their operations and reads their attributes. The
//! simulator (`sim::Shared`) is one backend, the Lambda runtime
//! (`wing-lambda`) another (`spec/lambda.md`).

use crate::bundle::SourceFrame;
use crate::invoke::Failure;
use crate::sim::Trace;
use crate::sim::ops::Op;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wing_std::Value;

/// What the operations of every backend share with the simulator's
/// (`sim/ops.rs`): reading arguments, and each resource type's Wing errors
/// and data rules, so that a program sees the same wherever it runs.
pub mod shared {
    pub use crate::sim::bucket::{
        NOT_PUBLIC, SIGNED_URL_SECONDS, byte_range, encode_path, object_missing, parse_json, rename_to_itself, source_missing,
    };
    pub use crate::sim::function::TOO_MANY_REQUESTS;
    pub use crate::sim::ops::{arg, field, optional_text, text, wing};
    pub use crate::sim::queue::{EMPTY_MESSAGE, messages};
    pub use crate::sim::secret::value_json;
    pub use crate::sim::table::{row_exists, row_missing};
}

/// A resource, by its index in the backend's list.
pub type ResourceIndex = usize;

/// A resource's path and type (`cloud.Bucket`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ResourceName<'a> {
    pub path: &'a str,
    pub type_name: &'a str,
}

/// A resource operation a bundle imports (`cloud.Bucket` `put`), found
/// when the bundle was linked.
#[derive(Clone)]
pub struct Operation {
    pub type_name: Arc<str>,
    pub method: Arc<str>,
    /// The simulator's implementation; other backends go by the names.
    pub simulated: Op,
}

/// One call of an operation, its receiver's grant already checked.
pub struct OpCall<'a> {
    pub operation: &'a Operation,
    pub resource: ResourceIndex,
    /// Path of the code that called (for logs).
    pub caller: &'a str,
    /// When the calling invocation times out.
    pub deadline: Option<Instant>,
}

/// Why an operation gave no result.
#[derive(Debug)]
pub enum OpError {
    /// A Wing error: the message and where it began (a nested invocation's
    /// frames), raised as an exception in the caller.
    Wing(String, Vec<SourceFrame>),
    /// The invocation fails outright.
    Fatal(String),
}

impl From<wing_std::StdError> for OpError {
    fn from(error: wing_std::StdError) -> OpError {
        OpError::Fatal(error.0)
    }
}

impl From<Failure> for OpError {
    fn from(failure: Failure) -> OpError {
        OpError::Wing(failure.message, failure.trace)
    }
}

pub type OpResult = Result<Value, OpError>;

/// The resources bundles reach, and where their logs go.
pub trait Backend: Send + Sync + 'static {
    /// The resource at `index` (an index this backend gave).
    fn resource(&self, index: ResourceIndex) -> ResourceName<'_>;

    /// The index of the resource at `path`.
    fn index_of(&self, path: &str) -> Option<ResourceIndex>;

    /// Runs an operation; the host checked the grant before.
    fn operation(self: Arc<Self>, call: &OpCall<'_>, args: &[Value]) -> OpResult;

    /// An attribute only the running app knows (`Api.url`).
    fn attribute(&self, index: ResourceIndex, name: &str) -> Option<String>;

    /// A preflight property read inflight (`counter.initial`).
    fn property(&self, index: ResourceIndex, name: &str) -> Option<serde_json::Value>;

    /// A line logged by the code at `source`.
    fn log(&self, source: &str, line: String);

    /// Whether invocations are traced (then [`Backend::record`] gets each).
    fn tracing(&self) -> bool {
        false
    }

    fn record(&self, _trace: Trace) {}

    /// Time since the backend started (trace timestamps).
    fn elapsed(&self) -> Duration {
        Duration::ZERO
    }

    /// Whether running code must stop now.
    fn is_stopping(&self) -> bool {
        false
    }

    /// The code on this thread starts to wait (sleep, `waitUntil`, an HTTP
    /// request); `true` when [`Backend::wait_ends`] must follow.
    fn wait_begins(self: Arc<Self>) -> bool {
        false
    }

    fn wait_ends(&self) {}

    /// A count that changes whenever resource state changes.
    fn activity(&self) -> u64 {
        0
    }

    /// Blocks until [`Backend::activity`] differs from `seen`, running code
    /// must stop, or `until` passes.
    fn wait_for_change(&self, _seen: u64, until: Instant) {
        std::thread::sleep(until.saturating_duration_since(Instant::now()));
    }
}

/// Marks the code on this thread as waiting until dropped.
pub struct Waiting(Option<Arc<dyn Backend>>);

impl Waiting {
    pub fn begin(backend: &Arc<dyn Backend>) -> Waiting {
        crate::slow::turning_slow();
        Waiting(backend.clone().wait_begins().then(|| backend.clone()))
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        if let Some(backend) = &self.0 {
            backend.wait_ends();
        }
    }
}
