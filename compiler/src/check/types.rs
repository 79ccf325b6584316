//! Types: takes nothing, gives the [`Type`] vocabulary and the [`Types`]
//! arena that interns them, so a type is a small copyable [`TypeId`] and two
//! equal types have the same id. Subtyping between user types needs the
//! declaration tables, so it lives in `check::relations`; the rules that
//! need only the types themselves are here.

use crate::syntax::ast::Phase;
use std::collections::HashMap;

/// A type, interned in [`Types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// A class (stdlib or user), by index into the class table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassId(pub u32);

/// A struct, by index into the struct table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StructId(pub u32);

/// An interface, by index into the interface table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct InterfaceId(pub u32);

/// An enum, by index into the enum table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct EnumId(pub u32);

#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Type {
    /// The type of something already reported as wrong; fits everywhere so
    /// one mistake gives one diagnostic.
    Error,
    Void,
    /// The type of the `nil` literal: fits any optional.
    Nil,
    Num,
    Str,
    Bool,
    Duration,
    Datetime,
    Json,
    MutJson,
    Optional(TypeId),
    Array(TypeId),
    MutArray(TypeId),
    Map(TypeId),
    MutMap(TypeId),
    Set(TypeId),
    MutSet(TypeId),
    Function(FunctionType),
    /// An instance of a class (`cloud.Bucket`, a user class).
    Class(ClassId),
    Interface(InterfaceId),
    Struct(StructId),
    Enum(EnumId),
    /// A type parameter of a stdlib generic (`T`).
    Param(String),
    /// A type still to be inferred from a later use (the element type of
    /// `let items = [];`, an untyped closure parameter); see
    /// [`Types::fresh_infer`]. Once solved, [`Types::get`] sees through it.
    Infer(u32),
}

/// The type of a function, closure or method.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FunctionType {
    pub phase: Phase,
    pub params: Vec<TypeId>,
    pub result: TypeId,
    /// The last parameter is `...rest: Array<T>`: it takes any number of
    /// trailing arguments of type `T`.
    pub variadic: bool,
}

impl FunctionType {
    pub fn new(phase: Phase, params: Vec<TypeId>, result: TypeId) -> FunctionType {
        FunctionType { phase, params, result, variadic: false }
    }
}

/// Printable names of declared types, by kind and id.
#[derive(Debug, Clone, Default)]
struct Names {
    classes: Vec<String>,
    structs: Vec<String>,
    interfaces: Vec<String>,
    enums: Vec<String>,
}

/// The arena every type lives in.
#[derive(Debug, Clone)]
pub struct Types {
    types: Vec<Type>,
    ids: HashMap<Type, TypeId>,
    names: Names,
    /// What each [`Type::Infer`] variable was found to be, once it is.
    solutions: Vec<Option<TypeId>>,
}

impl Default for Types {
    fn default() -> Self {
        Self::new()
    }
}

fn set_name(names: &mut Vec<String>, i: u32, name: String) {
    let i = i as usize;
    if names.len() <= i {
        names.resize(i + 1, String::new());
    }
    names[i] = name;
}

impl Types {
    pub const ERROR: TypeId = TypeId(0);
    pub const VOID: TypeId = TypeId(1);
    pub const NIL: TypeId = TypeId(2);
    pub const NUM: TypeId = TypeId(3);
    pub const STR: TypeId = TypeId(4);
    pub const BOOL: TypeId = TypeId(5);
    pub const DURATION: TypeId = TypeId(6);
    pub const JSON: TypeId = TypeId(7);
    pub const MUT_JSON: TypeId = TypeId(8);
    pub const DATETIME: TypeId = TypeId(9);

    pub fn new() -> Types {
        let mut types = Types { types: Vec::new(), ids: HashMap::new(), names: Names::default(), solutions: Vec::new() };
        for ty in [
            Type::Error,
            Type::Void,
            Type::Nil,
            Type::Num,
            Type::Str,
            Type::Bool,
            Type::Duration,
            Type::Json,
            Type::MutJson,
            Type::Datetime,
        ] {
            types.intern(ty);
        }
        types
    }

    pub fn intern(&mut self, ty: Type) -> TypeId {
        if let Some(id) = self.ids.get(&ty) {
            return *id;
        }
        let id = TypeId(self.types.len() as u32);
        self.types.push(ty.clone());
        self.ids.insert(ty, id);
        id
    }

    /// The type behind an id, seeing through solved inference variables.
    pub fn get(&self, id: TypeId) -> &Type {
        &self.types[self.resolve(id).0 as usize]
    }

    /// The id itself, or what the inference variable it names was solved to.
    pub fn resolve(&self, mut id: TypeId) -> TypeId {
        while let Type::Infer(k) = &self.types[id.0 as usize]
            && let Some(solution) = self.solutions[*k as usize]
        {
            id = solution;
        }
        id
    }

    /// A new inference variable.
    pub fn fresh_infer(&mut self) -> TypeId {
        let k = self.solutions.len() as u32;
        self.solutions.push(None);
        self.intern(Type::Infer(k))
    }

    /// The inference variable an id still stands for, if it is unsolved.
    pub fn unsolved(&self, id: TypeId) -> Option<u32> {
        match self.get(id) {
            Type::Infer(k) => Some(*k),
            _ => None,
        }
    }

    /// Records what an unsolved inference variable is.
    pub fn solve(&mut self, k: u32, ty: TypeId) {
        let ty = self.resolve(ty);
        if ty != self.intern(Type::Infer(k)) {
            self.solutions[k as usize] = Some(ty);
        }
    }

    /// Whether the inference variable `k` occurs in the type.
    pub fn mentions(&self, id: TypeId, k: u32) -> bool {
        match self.get(id) {
            Type::Infer(j) => *j == k,
            Type::Optional(t)
            | Type::Array(t)
            | Type::MutArray(t)
            | Type::Map(t)
            | Type::MutMap(t)
            | Type::Set(t)
            | Type::MutSet(t) => self.mentions(*t, k),
            Type::Function(f) => f.params.iter().any(|p| self.mentions(*p, k)) || self.mentions(f.result, k),
            _ => false,
        }
    }

    /// The type with every solved inference variable inside it replaced.
    pub fn zonk(&mut self, id: TypeId) -> TypeId {
        let ty = self.get(id).clone();
        let rebuilt = match ty {
            Type::Optional(t) => Type::Optional(self.zonk(t)),
            Type::Array(t) => Type::Array(self.zonk(t)),
            Type::MutArray(t) => Type::MutArray(self.zonk(t)),
            Type::Map(t) => Type::Map(self.zonk(t)),
            Type::MutMap(t) => Type::MutMap(self.zonk(t)),
            Type::Set(t) => Type::Set(self.zonk(t)),
            Type::MutSet(t) => Type::MutSet(self.zonk(t)),
            Type::Function(f) => Type::Function(FunctionType {
                params: f.params.iter().map(|p| self.zonk(*p)).collect(),
                result: self.zonk(f.result),
                ..f
            }),
            other => other,
        };
        self.intern(rebuilt)
    }

    pub fn optional(&mut self, inner: TypeId) -> TypeId {
        match self.get(inner) {
            Type::Optional(_) | Type::Error | Type::Nil => inner,
            _ => self.intern(Type::Optional(inner)),
        }
    }

    pub fn function(&mut self, function: FunctionType) -> TypeId {
        self.intern(Type::Function(function))
    }

    pub fn name_class(&mut self, id: ClassId, name: String) {
        set_name(&mut self.names.classes, id.0, name);
    }

    pub fn name_struct(&mut self, id: StructId, name: String) {
        set_name(&mut self.names.structs, id.0, name);
    }

    pub fn name_interface(&mut self, id: InterfaceId, name: String) {
        set_name(&mut self.names.interfaces, id.0, name);
    }

    pub fn name_enum(&mut self, id: EnumId, name: String) {
        set_name(&mut self.names.enums, id.0, name);
    }

    /// `T` for `T?`, the type itself otherwise.
    pub fn strip_optional(&self, id: TypeId) -> TypeId {
        match self.get(id) {
            Type::Optional(inner) => *inner,
            _ => id,
        }
    }

    pub fn is_optional(&self, id: TypeId) -> bool {
        matches!(self.get(id), Type::Optional(_) | Type::Nil)
    }

    /// The immutable counterpart of a mutable collection (what a lifted
    /// value becomes inflight); other types as they are.
    pub fn frozen(&mut self, id: TypeId) -> TypeId {
        match self.get(id).clone() {
            Type::MutArray(t) => self.intern(Type::Array(t)),
            Type::MutMap(t) => self.intern(Type::Map(t)),
            Type::MutSet(t) => self.intern(Type::Set(t)),
            Type::MutJson => Types::JSON,
            Type::Optional(inner) => {
                let inner = self.frozen(inner);
                self.optional(inner)
            }
            _ => id,
        }
    }

    /// Whether values of this type are Json values or convert to Json
    /// implicitly (`Json { a: 1 }` may hold numbers, arrays of strings, …).
    pub fn is_json_compatible(&self, id: TypeId) -> bool {
        match self.get(id) {
            Type::Error | Type::Num | Type::Str | Type::Bool | Type::Json | Type::MutJson | Type::Nil => true,
            Type::Optional(inner) | Type::Array(inner) | Type::Map(inner) => self.is_json_compatible(*inner),
            _ => false,
        }
    }

    /// Whether interpolation can print it: Wing's "stringable" types.
    pub fn is_stringable(&self, id: TypeId) -> bool {
        matches!(
            self.get(id),
            Type::Error | Type::Infer(_) | Type::Str | Type::Num | Type::Bool | Type::Json | Type::MutJson | Type::Enum(_)
        )
    }

    /// The type as the user writes it: `Array<str>?`, `inflight (str): void`.
    pub fn display(&self, id: TypeId) -> String {
        let mut out = String::new();
        self.write(id, &mut out);
        out
    }

    /// A function type as the user writes it.
    pub fn display_function(&self, f: &FunctionType) -> String {
        let mut out = String::new();
        self.write_function(f, &mut out);
        out
    }

    fn write_function(&self, f: &FunctionType, out: &mut String) {
        if f.phase == Phase::Inflight {
            out.push_str("inflight ");
        }
        out.push('(');
        for (i, p) in f.params.iter().enumerate() {
            if i > 0 {
                out.push_str(", ");
            }
            if f.variadic && i + 1 == f.params.len() {
                out.push_str("...");
            }
            self.write(*p, out);
        }
        out.push_str("): ");
        self.write(f.result, out);
    }

    fn write(&self, id: TypeId, out: &mut String) {
        let generic = |out: &mut String, name: &str, inner: TypeId| {
            out.push_str(name);
            out.push('<');
            self.write(inner, out);
            out.push('>');
        };
        let name = |names: &[String], i: u32| names.get(i as usize).cloned().unwrap_or_else(|| "?".to_string());
        match self.get(id) {
            Type::Error => out.push_str("unknown"),
            Type::Void => out.push_str("void"),
            Type::Nil => out.push_str("nil"),
            Type::Num => out.push_str("num"),
            Type::Str => out.push_str("str"),
            Type::Bool => out.push_str("bool"),
            Type::Duration => out.push_str("duration"),
            Type::Datetime => out.push_str("datetime"),
            Type::Json => out.push_str("Json"),
            Type::MutJson => out.push_str("MutJson"),
            Type::Optional(inner) => {
                let is_fn = matches!(self.get(*inner), Type::Function(_));
                if is_fn {
                    out.push('(');
                }
                self.write(*inner, out);
                if is_fn {
                    out.push(')');
                }
                out.push('?');
            }
            Type::Array(inner) => generic(out, "Array", *inner),
            Type::MutArray(inner) => generic(out, "MutArray", *inner),
            Type::Map(inner) => generic(out, "Map", *inner),
            Type::MutMap(inner) => generic(out, "MutMap", *inner),
            Type::Set(inner) => generic(out, "Set", *inner),
            Type::MutSet(inner) => generic(out, "MutSet", *inner),
            Type::Function(f) => self.write_function(f, out),
            Type::Class(c) => out.push_str(&name(&self.names.classes, c.0)),
            Type::Struct(s) => out.push_str(&name(&self.names.structs, s.0)),
            Type::Interface(i) => out.push_str(&name(&self.names.interfaces, i.0)),
            Type::Enum(e) => out.push_str(&name(&self.names.enums, e.0)),
            Type::Param(name) => out.push_str(name),
            Type::Infer(_) => out.push_str("unknown"),
        }
    }
}
