//! The checker's output: takes nothing, gives the tables later stages read
//! instead of re-resolving names: the type of every expression, what every
//! name and member refers to, how every call's arguments map to parameters,
//! and for every function body (closure, method, test) its parameters,
//! captures and lifts.

use super::lifting::{Lift, Usage};
use super::symbols::{ClassInfo, ClassKind, EnumInfo, InterfaceInfo, StructInfo, TypeRef};
use super::types::{ClassId, EnumId, FunctionType, InterfaceId, StructId, TypeId, Types};
use crate::syntax::ast::{NodeId, Phase, Span};
use std::collections::BTreeMap;

/// The field of an object of a class extending a std resource that holds
/// the resource itself: not a name a program can write, always first in
/// the object's layout.
pub const RESOURCE_FIELD: &str = "#resource";

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

    pub fn values_mut(&mut self) -> impl Iterator<Item = &mut T> {
        self.slots.iter_mut().flatten()
    }
}

/// A variable: a `let`, a parameter, `this`, a `for`, `if let` or `catch`
/// binding.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct VarId(pub u32);

/// What declared a variable (for messages).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum VarKind {
    Let,
    Param,
    /// A `for` variable.
    Loop,
    /// A `catch` variable.
    Catch,
    /// An `if let` binding.
    IfLet,
    This,
}

#[derive(Debug, Clone)]
pub struct VarInfo {
    pub name: String,
    pub ty: TypeId,
    pub kind: VarKind,
    pub reassignable: bool,
    /// The phase of the code that declared it.
    pub phase: Phase,
    /// Reassignable and captured by a nested inflight function: compiled
    /// code keeps it in a shared box so every function sees assignments.
    pub boxed: bool,
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
    /// A declared type used as a value's object (`Color.RED`, `P.fromJson`).
    Type(TypeRef),
    /// `super(…)` in a constructor: the parent class's constructor, run on
    /// the constructor's `this`.
    SuperConstructor {
        parent: ClassId,
        this: VarId,
    },
}

/// What a member expression (`a.b`) refers to.
#[derive(Debug, Clone)]
pub enum MemberRef {
    /// A host-bound member: a method (called) or a property (read).
    Extern { target: ExternRef, is_property: bool },
    /// A field of a struct value.
    StructField(String),
    /// A field of a user class instance.
    Field { class: ClassId, name: String },
    /// An instance method of a user class or interface.
    Method { receiver: MethodReceiver, name: String },
    /// A static method of a user class.
    StaticMethod { class: ClassId, name: String },
    /// `Color.RED`.
    EnumVariant { id: EnumId, name: String },
    /// `P.fromJson` and friends.
    StructStatic { id: StructId, op: StructOp },
    /// A type inside a namespace (`cloud.Bucket`).
    Type(TypeRef),
}

/// The static type of a method call's receiver.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum MethodReceiver {
    /// Dispatched on the object's class (it may override the method).
    Class(ClassId),
    Interface(InterfaceId),
    /// `super.m()`: exactly this class's implementation.
    Super(ClassId),
}

/// The static operations every struct type has.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum StructOp {
    FromJson,
    TryFromJson,
    ParseJson,
    TryParseJson,
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
    /// A variadic parameter: the written arguments at these indices, as
    /// an array.
    Rest(Vec<usize>),
}

/// A checked call: how arguments map.
#[derive(Debug, Clone)]
pub struct CallInfo {
    pub slots: Vec<ArgSlot>,
    /// Parameter types after generic substitution.
    pub params: Vec<TypeId>,
}

/// A function body: a closure, a `test` block, a method or constructor.
#[derive(Debug, Clone)]
pub struct ClosureInfo {
    pub phase: Phase,
    pub params: Vec<VarId>,
    pub result: TypeId,
    /// The function's type.
    pub ty: TypeId,
    /// Variables of enclosing functions of the same phase the body reads
    /// (kept in its environment), in a fixed order.
    pub captures: Vec<VarId>,
    /// Preflight values the body (and every function nested in it) uses
    /// inflight, with how it uses them.
    pub lifts: Vec<Lift>,
    /// `this` of a method or constructor.
    pub this_var: Option<VarId>,
    /// Paths the body passes to known functions (resolved into `lifts`
    /// when checking ends).
    pub flows: Vec<super::lifting::Flow>,
    /// Operations called on values of resource or class type that do not
    /// come from a lifted variable (an element of a lifted array, say):
    /// granted to every such value reachable from the lifts.
    pub untracked: BTreeMap<ClassId, Usage>,
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
    /// Calls of an object whose class has a `handle` method (a closure
    /// class: `c(…)` is `c.handle(…)`), by call expression: the receiver
    /// to dispatch `handle` on.
    pub handle_calls: NodeMap<MethodReceiver>,
    /// Objects passed, preflight, where a function of exactly their
    /// `handle` method's type is expected (a closure class as a handler):
    /// the receiver their value is bound to as a method value.
    pub object_functions: NodeMap<MethodReceiver>,
    /// Function values used as another function type (fewer parameters,
    /// wider parameter or narrower result types): the type they are used
    /// as, for code generation to adapt the call.
    pub coercions: NodeMap<TypeId>,
    /// Function bodies, by the id of the closure expression, `test`
    /// statement or method declaration.
    pub closures: NodeMap<ClosureInfo>,
    /// The variable a `let`, `for`, `if let` or `try … catch` statement
    /// declares.
    pub declared: NodeMap<VarId>,
    /// The type a `class`, `struct`, `interface` or `enum` statement
    /// declares.
    pub declarations: NodeMap<TypeRef>,
    pub classes: Vec<ClassInfo>,
    pub structs: Vec<StructInfo>,
    pub interfaces: Vec<InterfaceInfo>,
    pub enums: Vec<EnumInfo>,
    /// `std.IResource`, which every resource and preflight class
    /// implements without saying so.
    pub resource_interface: Option<InterfaceId>,
}

impl Semantics {
    pub fn var(&self, id: VarId) -> &VarInfo {
        &self.vars[id.0 as usize]
    }

    pub fn type_of(&self, expr: NodeId) -> TypeId {
        self.expr_types.get(expr).copied().unwrap_or(Types::ERROR)
    }

    pub fn class(&self, id: ClassId) -> &ClassInfo {
        &self.classes[id.0 as usize]
    }

    pub fn structure(&self, id: StructId) -> &StructInfo {
        &self.structs[id.0 as usize]
    }

    pub fn interface(&self, id: InterfaceId) -> &InterfaceInfo {
        &self.interfaces[id.0 as usize]
    }

    pub fn enumeration(&self, id: EnumId) -> &EnumInfo {
        &self.enums[id.0 as usize]
    }

    /// The classes from `id` up to its root, `id` first.
    pub fn ancestry(&self, id: ClassId) -> impl Iterator<Item = ClassId> + '_ {
        std::iter::successors(Some(id), |c| self.class(*c).parent)
    }

    /// The member `name` of class `id` or its nearest ancestor declaring it.
    pub fn find_member(&self, id: ClassId, name: &str) -> Option<(ClassId, &super::symbols::MemberInfo)> {
        self.ancestry(id).find_map(|c| self.class(c).own_member(name).map(|m| (c, m)))
    }

    /// Every field of a user class, ancestors' first: the object layout.
    /// A class extending a std resource holds that resource first, in
    /// [`RESOURCE_FIELD`].
    pub fn field_layout(&self, id: ClassId) -> Vec<String> {
        let mut chain: Vec<ClassId> = self.ancestry(id).collect();
        chain.reverse();
        let resource = self.std_base(id).map(|_| RESOURCE_FIELD.to_string());
        let fields = chain.into_iter().flat_map(|c| self.class(c).members.iter()).filter_map(|m| match m.kind {
            super::symbols::MemberKind::Field { .. } if !m.is_static => Some(m.name.clone()),
            _ => None,
        });
        resource.into_iter().chain(fields).collect()
    }

    /// The std resource class (`cloud.Counter`) a user class extends,
    /// directly or through its ancestors.
    pub fn std_base(&self, id: ClassId) -> Option<ClassId> {
        if self.class(id).kind != ClassKind::User {
            return None;
        }
        self.ancestry(id).find(|c| self.class(*c).kind == ClassKind::Resource)
    }

    /// Whether the member `name` a user class `id` has is inherited from
    /// the std resource it extends (a host operation on that resource).
    pub fn is_std_inherited(&self, id: ClassId, name: &str) -> bool {
        self.class(id).kind == ClassKind::User
            && self.find_member(id, name).is_some_and(|(owner, _)| self.class(owner).kind == ClassKind::Resource)
    }

    /// Whether class `sub` is `sup` or inherits from it.
    pub fn is_subclass(&self, sub: ClassId, sup: ClassId) -> bool {
        self.ancestry(sub).any(|c| c == sup)
    }

    /// Whether class `id` (or an ancestor) implements interface `target`,
    /// directly or through interface inheritance.
    pub fn implements(&self, id: ClassId, target: InterfaceId) -> bool {
        if Some(target) == self.resource_interface && self.class(id).is_resource() {
            return true;
        }
        self.ancestry(id).any(|c| self.class(c).interfaces.iter().any(|i| self.interface_extends(*i, target)))
    }

    /// Whether interface `id` is `target` or extends it.
    pub fn interface_extends(&self, id: InterfaceId, target: InterfaceId) -> bool {
        let mut stack = vec![id];
        let mut seen = Vec::new();
        while let Some(next) = stack.pop() {
            if next == target {
                return true;
            }
            if !seen.contains(&next) {
                seen.push(next);
                stack.extend(self.interface(next).extends.iter().copied());
            }
        }
        false
    }
}
