//! The compiled-app manifest (`app.json`): the one contract between the
//! compiler (which writes it) and the simulator (which reads it).
//!
//! Takes nothing; gives the serde types of `target/<name>.wsim/app.json`.
//! The compiler depends on this crate without linking wasmtime, so the
//! language server can use the compiler library.
//!
//! A manifest lists the resource tree (stable paths, types, props), the edges
//! between resources, the Wasm bundles with the values and capability handles
//! each one lifts, and the test blocks. See `spec/abi.md` for the host ABI the
//! bundles are compiled against.

use indexmap::IndexMap;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the manifest format; bumped on any incompatible change.
pub const MANIFEST_VERSION: u32 = 2;

/// File name of the manifest inside the output directory.
pub const MANIFEST_FILE: &str = "app.json";

/// A whole compiled application.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub version: u32,
    /// Program name (the entry file's stem, `main` for `main.w`).
    pub name: String,
    /// Entry source file name as the user wrote it (for messages).
    pub source: String,
    /// Every resource, parents before children.
    pub resources: Vec<Resource>,
    /// Relations between resources (queue → consumer, handler → used resource).
    pub edges: Vec<Edge>,
    /// Every compiled Wasm module, referenced by resources and tests.
    pub bundles: Vec<Bundle>,
    /// Every `test "…" { }` block, in source order.
    pub tests: Vec<Test>,
}

/// One node of the resource tree.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Resource {
    /// Stable path, e.g. `root/Default/uploads`.
    pub path: String,
    /// Qualified type, e.g. `cloud.Bucket`, `cloud.Queue`, `cloud.Function`.
    #[serde(rename = "type")]
    pub type_name: String,
    /// Constructor props as evaluated preflight (durations in seconds).
    #[serde(default)]
    pub props: BTreeMap<String, serde_json::Value>,
    /// For function-like resources (Function, queue consumer): the bundle it runs.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bundle: Option<String>,
}

/// A directed relation between two resources.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Edge {
    pub from: String,
    pub to: String,
    pub kind: EdgeKind,
    /// For `uses`: the inflight operations `from` may call on `to`.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ops: Vec<String>,
    /// For `handler`: the events of `from` that run `to` (`create`,
    /// `GET /users/:id`, `tick`, `start`, …).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub events: Vec<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EdgeKind {
    /// `from` (a queue) delivers its messages to `to` (a function).
    Consumer,
    /// `from` (a function-like resource) calls inflight operations of `to`.
    Uses,
    /// `from` (a topic) delivers every message to `to` (a function or a
    /// queue).
    Subscriber,
    /// `from` runs the function `to` on the edge's `events` (an Api
    /// route, a bucket event, a schedule tick).
    Handler,
    /// `from` (a queue) moves messages that failed too often to `to` (its
    /// dead-letter queue).
    DeadLetter,
}

/// One Wasm module: a handler plus the inflight code reachable from it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Bundle {
    /// Identifier, unique within the manifest (`b0`, `b1`, …).
    pub id: String,
    /// Path of the `.wasm` file relative to the output directory.
    pub file: String,
    /// Content hash of the `.wasm` bytes (16 hex digits), a cache key.
    pub hash: String,
    /// The entry's parameter and result types (Wing type names).
    pub params: Vec<String>,
    pub result: String,
    /// Handle slots 1..=n, in order: what the host places in the handle
    /// table before calling the entry.
    pub lifts: Vec<LiftedValue>,
}

/// A preflight value copied into a bundle: data is copied, a resource
/// becomes a capability handle carrying the granted operations. Tagged so
/// the host rebuilds the exact runtime representation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "kind", content = "value", rename_all = "snake_case")]
pub enum LiftedValue {
    Nil,
    Num(f64),
    Bool(bool),
    Str(String),
    /// Seconds.
    Duration(f64),
    Datetime {
        ms: f64,
        offset_minutes: i32,
    },
    Json(serde_json::Value),
    Array(Vec<LiftedValue>),
    /// Maps and struct values, in insertion order.
    Map(IndexMap<String, LiftedValue>),
    Set(Vec<LiftedValue>),
    /// A capability handle on a resource.
    Resource {
        path: String,
        ops: Vec<String>,
    },
    /// An instance of a user class: its class (name and id), its fields in
    /// layout order (those the bundle does not need are nil), and whether
    /// the host must run the bundle's `wing_init` export on it.
    Object {
        class: String,
        id: u32,
        fields: IndexMap<String, LiftedValue>,
        init: bool,
    },
    /// An inflight closure created preflight, compiled into this bundle at
    /// this index of its function table.
    Closure {
        index: u32,
    },
}

impl LiftedValue {
    /// Every capability handle in the value (with its granted operations)
    /// and every string, in order: what a deployed bundle needs resolved.
    pub fn visit<'v>(&'v self, handle: &mut dyn FnMut(&'v str, &'v [String]), text: &mut dyn FnMut(&'v str)) {
        match self {
            LiftedValue::Resource { path, ops } => handle(path, ops),
            LiftedValue::Str(s) => text(s),
            LiftedValue::Array(items) | LiftedValue::Set(items) => items.iter().for_each(|i| i.visit(handle, text)),
            LiftedValue::Map(entries) | LiftedValue::Object { fields: entries, .. } => {
                entries.values().for_each(|v| v.visit(handle, text))
            }
            _ => {}
        }
    }
}

/// One `test "name" { … }` block.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Test {
    pub name: String,
    /// Resource path of the test's function, e.g. `root/env0/test:adds`.
    pub path: String,
    pub bundle: String,
}

impl Manifest {
    /// The bundle with this id, if any.
    pub fn bundle(&self, id: &str) -> Option<&Bundle> {
        self.bundles.iter().find(|b| b.id == id)
    }

    /// The resource at this path, if any.
    pub fn resource(&self, path: &str) -> Option<&Resource> {
        self.resources.iter().find(|r| r.path == path)
    }
}
