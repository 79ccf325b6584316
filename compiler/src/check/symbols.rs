//! Declared things: takes nothing, gives the tables of classes, interfaces,
//! structs and enums (stdlib and user alike) and the namespaces that name
//! them. Filled by `stdlib.rs` and `declare.rs`, read by every later stage.

use super::model::ExternRef;
use super::types::{ClassId, EnumId, FunctionType, InterfaceId, StructId, TypeId};
use crate::syntax::ast::{NodeId, Phase, Span, Visibility};
use std::collections::HashMap;

/// What kind of class.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClassKind {
    /// A built-in type's member table (`str`, `Array`, `Json`).
    Builtin,
    /// A stdlib resource (`cloud.Bucket`): host-implemented.
    Resource,
    /// A class the user declared.
    User,
}

/// A class.
#[derive(Debug, Clone)]
pub struct ClassInfo {
    pub name: String,
    /// `cloud.Bucket`; user classes and std builtins are unqualified.
    pub qualified: String,
    /// Stdlib module of a stdlib class; empty for user classes.
    pub module: String,
    pub kind: ClassKind,
    /// `Preflight` for resources and preflight user classes, `Inflight`
    /// for `inflight class`, `Independent` for builtins.
    pub phase: Phase,
    pub type_params: Vec<String>,
    pub parent: Option<ClassId>,
    pub interfaces: Vec<InterfaceId>,
    pub members: Vec<MemberInfo>,
    pub member_index: HashMap<String, usize>,
    /// `new(…)`: preflight for preflight classes, inflight for inflight
    /// classes.
    pub constructor: Option<Constructor>,
    /// `inflight new()` of a preflight class: runs when its inflight
    /// client is created.
    pub inflight_init: Option<Constructor>,
    /// The `class` statement of a user class.
    pub decl: Option<NodeId>,
    pub is_pub: bool,
    pub span: Span,
}

/// A constructor or inflight initializer.
#[derive(Debug, Clone)]
pub struct Constructor {
    pub signature: FunctionType,
    /// The method declaration (user classes).
    pub decl: Option<NodeId>,
}

impl ClassInfo {
    /// The class's own member with this name (not inherited ones).
    pub fn own_member(&self, name: &str) -> Option<&MemberInfo> {
        self.member_index.get(name).map(|i| &self.members[*i])
    }

    pub fn is_resource(&self) -> bool {
        self.kind == ClassKind::Resource || (self.kind == ClassKind::User && self.phase == Phase::Preflight)
    }
}

#[derive(Debug, Clone)]
pub struct MemberInfo {
    pub name: String,
    pub kind: MemberKind,
    pub phase: Phase,
    pub is_static: bool,
    pub is_extern: bool,
    pub visibility: Visibility,
    /// The class or interface declaring it.
    pub owner: Owner,
    /// The method declaration (user methods with a body).
    pub decl: Option<NodeId>,
    pub span: Span,
}

/// Where a member is declared.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Owner {
    Class(ClassId),
    Interface(InterfaceId),
}

#[derive(Debug, Clone)]
pub enum MemberKind {
    Method(FunctionType),
    /// A host-computed property of a stdlib type (`str.length`).
    Property(TypeId),
    /// A stored field of a user class.
    Field {
        ty: TypeId,
        reassignable: bool,
    },
}

impl MemberKind {
    /// The type of the member as a value: a method's function type is made
    /// by the caller, so this is for properties and fields.
    pub fn value_type(&self) -> Option<TypeId> {
        match self {
            MemberKind::Property(ty) | MemberKind::Field { ty, .. } => Some(*ty),
            MemberKind::Method(_) => None,
        }
    }
}

#[derive(Debug, Clone)]
pub struct InterfaceInfo {
    pub name: String,
    pub qualified: String,
    pub extends: Vec<InterfaceId>,
    pub members: Vec<MemberInfo>,
    pub is_pub: bool,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub struct StructInfo {
    pub name: String,
    pub qualified: String,
    /// Every field, inherited ones first (set with [`StructInfo::set_fields`]).
    pub fields: Vec<(String, TypeId)>,
    /// Each field's position in `fields`, by name.
    field_index: HashMap<String, usize>,
    pub is_pub: bool,
    pub span: Span,
}

impl StructInfo {
    /// A struct whose fields are not resolved yet.
    pub fn new(name: String, qualified: String, is_pub: bool, span: Span) -> StructInfo {
        StructInfo { name, qualified, fields: Vec::new(), field_index: HashMap::new(), is_pub, span }
    }

    pub fn set_fields(&mut self, fields: Vec<(String, TypeId)>) {
        self.field_index = fields.iter().enumerate().map(|(i, (name, _))| (name.clone(), i)).collect();
        self.fields = fields;
    }

    pub fn field(&self, name: &str) -> Option<TypeId> {
        self.field_index.get(name).map(|i| self.fields[*i].1)
    }
}

#[derive(Debug, Clone)]
pub struct EnumInfo {
    pub name: String,
    pub qualified: String,
    pub variants: Vec<String>,
    pub is_pub: bool,
    pub span: Span,
}

/// A declared type, as a name can refer to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TypeRef {
    Class(ClassId),
    Struct(StructId),
    Interface(InterfaceId),
    Enum(EnumId),
}

/// The public names of a module: a stdlib module (`cloud`) or a brought
/// file.
#[derive(Debug, Clone, Default)]
pub struct Namespace {
    pub types: HashMap<String, TypeRef>,
    pub functions: HashMap<String, ExternRef>,
    /// Host-provided constants (`math.PI`): read like properties.
    pub constants: HashMap<String, ExternRef>,
    /// Types of a brought file that are not `pub`, for a precise message.
    pub private: HashMap<String, TypeRef>,
    /// A file that could not be brought (already reported): its names
    /// resolve to the error type, silently.
    pub failed: bool,
    /// The subdirectories of a brought directory: name to namespace key.
    pub children: HashMap<String, String>,
}

impl Namespace {
    /// Every name, for "did you mean" hints.
    pub fn names(&self) -> impl Iterator<Item = &str> {
        self.types.keys().chain(self.functions.keys()).chain(self.constants.keys()).map(String::as_str)
    }
}
