//! Preflight values: the shared [`Value`] of `wing-std` (so std methods
//! behave the same preflight and inflight), plus what only preflight has:
//! closures and bound stdlib members ([`FunctionValue`], behind a
//! `RefKind::Function` ref into the evaluator's table) and resources
//! (`RefKind::Resource` refs holding the [`ResourceId`]).

use super::env::Env;
use super::tree::ResourceId;
use crate::check::{ClassId, MethodReceiver, StructId, StructOp};
use crate::syntax::ast::{Block, Closure, NodeId, Phase};
use std::rc::Rc;
pub use wing_std::{Ref, RefKind, Value};

/// The value of a user object.
pub fn object_value(id: u32) -> Value {
    Value::Ref(Ref { kind: RefKind::Object, id })
}

/// A closure value: its code and the environment it was created in.
#[derive(Debug, Clone)]
pub struct ClosureValue<'a> {
    pub node: NodeId,
    pub body: FnBody<'a>,
    pub phase: Phase,
    pub env: Rc<Env>,
    /// The function type it was last used as, when that differs from its
    /// own (`Semantics::coercions`): inflight code calls it that way, so a
    /// lifted copy needs an adapter.
    pub used_as: Option<crate::check::TypeId>,
}

#[derive(Debug, Clone, Copy)]
pub enum FnBody<'a> {
    Closure(&'a Closure),
    Test(&'a Block),
    /// The `handle` method of a closure-class object used as a handler:
    /// its environment binds the method's `this` to the object.
    Method(&'a Block),
}

/// A stdlib member bound to its receiver, as a callable value.
#[derive(Debug, Clone)]
pub struct ExternValue {
    /// Stdlib module (`std`, `cloud`, …).
    pub module: String,
    /// Import name (`str.split`, `Queue.setConsumer`, `log`).
    pub name: String,
    pub receiver: Option<Value>,
}

/// What a `RefKind::Function` ref stands for.
#[derive(Debug, Clone)]
pub enum FunctionValue<'a> {
    Closure(Rc<ClosureValue<'a>>),
    Extern(ExternValue),
    /// A user method bound to its object.
    Method {
        this: Value,
        class: MethodReceiver,
        name: String,
    },
    /// A static method of a user class.
    Static {
        class: ClassId,
        name: String,
    },
    /// `Struct.fromJson` and friends.
    StructStatic {
        id: StructId,
        op: StructOp,
    },
}

/// The value of a resource.
pub fn resource_value(id: ResourceId) -> Value {
    Value::Ref(Ref { kind: RefKind::Resource, id: id.0 })
}

/// The resource a value is, if it is one.
pub fn as_resource(value: &Value) -> Option<ResourceId> {
    match value {
        Value::Ref(Ref { kind: RefKind::Resource, id }) => Some(ResourceId(*id)),
        _ => None,
    }
}
