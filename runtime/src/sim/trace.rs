//! Traces: one record per invocation (the resource that ran, when, for how
//! long, how it ended and what it logged), kept when the simulator runs
//! with `SimOptions::trace` and written as JSON by `wingc test --trace`.

use serde::Serialize;

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Trace {
    /// Path of the resource (or test) that ran.
    pub path: String,
    /// Microseconds from the simulator's start.
    pub start_us: u64,
    pub duration_us: u64,
    pub outcome: Outcome,
    /// The failure, with its inflight stack trace.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
    pub logs: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Outcome {
    Ok,
    Error,
}
