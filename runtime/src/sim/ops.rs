//! The inflight operations of resources, by type and method: takes
//! `cloud.Bucket` `put`, gives the function that runs it on the simulator's
//! state. The host calls one only after checking the capability handle it
//! was called on (type and granted operation, `HostState::resource`), so an
//! operation can trust that its resource is of its type.
//!
//! Arguments and results are [`Value`]s (receiver not included); an
//! operation fails with a Wing error a `catch` can see ([`OpError::Wing`],
//! a missing object) or breaks a host rule ([`OpError::Fatal`]).

use super::{ResourceIndex, ResourceNode, ResourceState, Shared};
pub use crate::backend::{OpError, OpResult};
use crate::invoke::Failure;
use std::sync::Arc;
use wing_std::Value;

/// What an operation runs on.
pub struct OpContext<'a> {
    pub sim: &'a Arc<Shared>,
    pub index: ResourceIndex,
    /// Path of the code that called (for logs).
    pub caller: &'a str,
    /// When the calling invocation times out.
    pub deadline: Option<std::time::Instant>,
}

impl OpContext<'_> {
    pub fn node(&self) -> &ResourceNode {
        self.sim.resource(self.index)
    }

    pub fn state(&self) -> &ResourceState {
        &self.node().state
    }
}

/// A Wing error with `message`.
pub fn wing<T>(message: impl Into<String>) -> Result<T, OpError> {
    Err(OpError::Wing(message.into(), Vec::new()))
}

pub type Op = fn(&OpContext<'_>, &[Value]) -> OpResult;

/// The operation `method` of resources of type `type_name`.
pub fn lookup(type_name: &str, method: &str) -> Option<Op> {
    match type_name {
        "cloud.Bucket" => super::bucket::op(method),
        "cloud.Queue" => super::queue::op(method),
        "cloud.Topic" => super::queue::topic_op(method),
        "cloud.Counter" => super::counter::op(method),
        "cloud.Function" => function_op(method),
        "cloud.Secret" => super::secret::op(method),
        "cloud.Service" => super::service::op(method),
        "ex.Table" => super::table::op(method),
        _ => None,
    }
}

fn function_op(method: &str) -> Option<Op> {
    Some(match method {
        "invoke" => |ctx, args| Ok(ctx.sim.invoke_function_within(ctx.index, &[arg(args, 0).clone()], ctx.deadline)?),
        "invokeAsync" => |ctx, args| {
            let function = ctx.sim.function(ctx.index).ok_or_else(|| OpError::Fatal("not a function".into()))?;
            if !function.has_capacity() {
                return wing(super::function::TOO_MANY_REQUESTS);
            }
            let payload = arg(args, 0).to_json().or_else(|problem| wing(problem.to_string()))?;
            ctx.sim.enqueue(super::AsyncJob {
                function: ctx.index,
                args: vec![payload],
                origin: format!("invokeAsync from {}", ctx.caller),
            });
            Ok(Value::Nil)
        },
        _ => return None,
    })
}

impl From<super::InvokeError> for OpError {
    fn from(error: super::InvokeError) -> OpError {
        Failure::from(error).into()
    }
}

/// The argument at `index` (nil when omitted).
pub fn arg(args: &[Value], index: usize) -> &Value {
    wing_std::ops::arg(args, index)
}

/// The text of a `str` argument.
pub fn text(args: &[Value], index: usize) -> Result<String, OpError> {
    match arg(args, index) {
        Value::Str(s) => Ok(s.to_string()),
        other => Err(OpError::Fatal(format!("expected a string, found {}", other.kind_name()))),
    }
}

/// The text of a `str?` argument.
pub fn optional_text(args: &[Value], index: usize) -> Result<Option<String>, OpError> {
    match arg(args, index) {
        Value::Nil => Ok(None),
        _ => text(args, index).map(Some),
    }
}

/// A field of a struct argument (nil when the struct or field is absent).
pub fn field(value: &Value, name: &str) -> Value {
    match value {
        Value::Map(map) => map.borrow().get(name).cloned().unwrap_or_default(),
        _ => Value::Nil,
    }
}
