//! The checker's output: takes nothing, gives the tables later stages read
//! instead of re-resolving names: the type of every expression, what every
//! name and member refers to, how every call's arguments map to parameters,
//! and for every closure its parameters, captures and lifts.

use super::types::{ClassId, FunctionType, StructId, TypeId, Types};
use crate::syntax::ast::{NodeId, Phase, Span};
use std::collections::BTreeSet;

/// A dense map from [`NodeId`] to `T` (node ids are small and contiguous).
#[derive(Debug, Clone)]
pub struct NodeMap<T> {
    slots: Vec<Option<T>>,
}

impl<T> Default for NodeMap<T> {
    fn default() -> Self {
        NodeMap { slots: Vec::new() }
    }
}

impl<T> NodeMap<T> {
    pub fn insert(&mut self, id: NodeId, value: T) {
        let i = id.0 as usize;
        if self.slots.len() <= i {
            self.slots.resize_with(i + 1, || None);
        }
        self.slots[i] = Some(value);
    }

    pub fn get(&self, id: NodeId) -> Option<&T> {
        self.slots.get(id.0 as usize).and_then(Option::as_ref)
    }

    pub fn get_mut(&mut self, id: NodeId) -> Option<&mut T> {
        self.slots.get_mut(id.0 as usize).and_then(Option::as_mut)
    }
}

/// A variable: a `let`, a parameter, a `for` or `if let` or `catch` binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VarId(pub u32);

#[derive(Debug, Clone)]
pub struct VarInfo {
    pub name: String,
    pub ty: TypeId,
    pub reassignable: bool,
    /// The phase of the code that declared it.
    pub phase: Phase,
    pub span: Span,
}

/// A host-bound stdlib member: the Wasm import and the preflight intrinsic.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExternRef {
    /// Stdlib module (`std`, `cloud`, `util`, `expect`).
    pub module: String,
    /// `Bucket.put`, `str.length`, `waitUntil`.
    pub name: String,
    /// Parameter and result types after generic substitution (receiver not
    /// included); a property has no parameters.
    pub signature: FunctionType,
    /// The parameter and result types as declared, before substitution
    /// (generic `T` stays a handle at the ABI).
    pub declared: FunctionType,
    /// Whether a receiver is passed first.
    pub has_receiver: bool,
    pub phase: Phase,
}

/// What a name expression refers to.
#[derive(Debug, Clone)]
pub enum NameRef {
    Var(VarId),
    /// A stdlib free function (`log`).
    Extern(ExternRef),
    /// A module brought in with `bring`; only valid as a member's object.
    Namespace(String),
    Class(ClassId),
    Struct(StructId),
}

/// What a member expression (`a.b`) refers to.
#[derive(Debug, Clone)]
pub enum MemberRef {
    /// A host-bound member: a method (called) or a property (read).
    Extern {
        target: ExternRef,
        is_property: bool,
    },
    /// A field of a struct value.
    StructField(String),
    /// A type inside a namespace (`cloud.Bucket`).
    Class(ClassId),
    Struct(StructId),
}

/// How a call's written arguments fill the callee's parameters.
#[derive(Debug, Clone)]
pub enum ArgSlot {
    /// The written argument at this index.
    Positional(usize),
    /// Not written: the parameter is optional, pass `nil`.
    Missing,
    /// A struct parameter built from named arguments (`f(a, name: "x")`):
    /// field name and written argument index.
    Expanded { fields: Vec<(String, usize)> },
}

/// A checked call: what is called and how arguments map.
#[derive(Debug, Clone)]
pub struct CallInfo {
    pub slots: Vec<ArgSlot>,
    /// Parameter types after generic substitution.
    pub params: Vec<TypeId>,
}

/// A preflight value an inflight closure uses.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lift {
    pub var: VarId,
    /// For a resource: the inflight operations the closure may call on it.
    pub ops: BTreeSet<String>,
}

/// A closure, a `test` block or (later) a method body.
#[derive(Debug, Clone)]
pub struct ClosureInfo {
    pub phase: Phase,
    pub params: Vec<VarId>,
    pub result: TypeId,
    /// The closure's function type.
    pub ty: TypeId,
    /// Variables of enclosing inflight code the closure reads (kept in its
    /// environment), in a fixed order.
    pub captures: Vec<VarId>,
    /// Preflight values the closure and every closure nested in it use;
    /// filled for inflight closures whose parent code is preflight.
    pub lifts: Vec<Lift>,
}

/// A `new T(…)` expression.
#[derive(Debug, Clone)]
pub struct NewInfo {
    pub class: ClassId,
    pub call: CallInfo,
}

/// Everything the checker learned about a program.
#[derive(Debug, Default)]
pub struct Semantics {
    pub types: Types,
    pub vars: Vec<VarInfo>,
    pub expr_types: NodeMap<TypeId>,
    pub names: NodeMap<NameRef>,
    pub members: NodeMap<MemberRef>,
    pub calls: NodeMap<CallInfo>,
    pub news: NodeMap<NewInfo>,
    pub closures: NodeMap<ClosureInfo>,
    /// The variable a `let`, `for`, `if let` statement declares.
    pub declared: NodeMap<VarId>,
    pub classes: Vec<super::decls::ClassInfo>,
    pub structs: Vec<super::decls::StructInfo>,
}

impl Semantics {
    pub fn var(&self, id: VarId) -> &VarInfo {
        &self.vars[id.0 as usize]
    }

    pub fn type_of(&self, expr: NodeId) -> TypeId {
        self.expr_types.get(expr).copied().unwrap_or(Types::ERROR)
    }

    pub fn class(&self, id: ClassId) -> &super::decls::ClassInfo {
        &self.classes[id.0 as usize]
    }

    pub fn structure(&self, id: StructId) -> &super::decls::StructInfo {
        &self.structs[id.0 as usize]
    }
}
