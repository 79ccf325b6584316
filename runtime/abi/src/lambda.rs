//! The deployment contract of the tf-aws target: what `wingc compile -t
//! tf-aws` puts in each function's asset zip, and what the Lambda runtime
//! (`bootstrap`) reads from it and from the function's environment.
//!
//! Takes nothing; gives the serde types of `wing.json` and the names of the
//! files in a zip. A function's zip holds its Wasm bundle, optionally the
//! bundle precompiled for the runtime's engine, and a [`LambdaConfig`].
//! Values known only once Terraform has created the resources (a bucket's
//! name, a queue's URL) are not in the zip: the config names, for every
//! attribute, the environment variable Terraform fills with a reference.
//! `spec/tf-aws.md` is the prose of this contract.

use crate::manifest::Bundle;
use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the config format; bumped on any incompatible change.
pub const LAMBDA_CONFIG_VERSION: u32 = 1;

/// The config's file name inside a function's zip.
pub const CONFIG_FILE: &str = "wing.json";

/// The Wasm bundle's file name inside a function's zip.
pub const BUNDLE_FILE: &str = "bundle.wasm";

/// The bundle precompiled for the runtime's engine (optional: the runtime
/// compiles `bundle.wasm` when it is missing or was made by another engine).
pub const PRECOMPILED_FILE: &str = "bundle.cwasm";

/// The environment variable holding the target's name (`tf-aws`).
pub const TARGET_ENV: &str = "WING_TARGET";

/// What one function's runtime needs to run its bundle.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LambdaConfig {
    pub version: u32,
    /// The function's resource path (`root/Default/Queue/Consumer0`).
    pub path: String,
    /// What sends the function its events, which decides how each event
    /// becomes a call of the bundle's entry.
    pub trigger: Trigger,
    /// The bundle: its entry's types and the values it lifts (resource
    /// handles carry their granted operations, as in the simulator).
    pub bundle: Bundle,
    /// Every resource the lifted values refer to (handles and attribute
    /// tokens), by path.
    pub resources: IndexMap<String, DeployedResource>,
}

/// A resource as a deployed function sees it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DeployedResource {
    #[serde(rename = "type")]
    pub type_name: String,
    /// Props the runtime needs (a counter's `initial`, a table's
    /// `primaryKey`), as in `app.json`.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub props: BTreeMap<String, serde_json::Value>,
    /// Each attribute (`name`, `url`, `arn`, `table`) with the environment
    /// variable that holds its value.
    pub env: BTreeMap<String, String>,
}

/// What invokes a function.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Trigger {
    /// Invoked directly (`cloud.Function`): Json in, Json out.
    Invoke,
    /// An SQS event source mapping delivering batches of the queue's
    /// messages; failed messages are reported as `batchItemFailures`.
    Queue { queue: String },
    /// SNS deliveries of the topic's messages.
    Topic { topic: String },
    /// API Gateway (HTTP API, payload 2.0) requests of these routes
    /// (`GET /users/:id`).
    Api { api: String, routes: Vec<String> },
    /// S3 notifications of the bucket for these events (`create`,
    /// `update`, `delete`).
    Bucket { bucket: String, events: Vec<String> },
    /// EventBridge ticks of the schedule.
    Schedule { schedule: String },
    /// Invoked once by Terraform when the app is deployed (`cloud.OnDeploy`).
    Deploy,
}
