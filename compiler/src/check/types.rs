//! Types: takes nothing, gives the [`Type`] vocabulary and the [`Types`]
//! arena that interns them, so a type is a small copyable [`TypeId`] and two
//! equal types have the same id.

use crate::syntax::ast::Phase;
use std::collections::HashMap;
use std::fmt::Write;

/// A type, interned in [`Types`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct TypeId(pub u32);

/// A class (stdlib or user), by index into the checker's class table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ClassId(pub u32);

/// A struct, by index into the checker's struct table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct StructId(pub u32);

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
    Json,
    MutJson,
    Optional(TypeId),
    Array(TypeId),
    MutArray(TypeId),
    Map(TypeId),
    MutMap(TypeId),
    Function(FunctionType),
    /// An instance of a class (`cloud.Bucket`).
    Class(ClassId),
    Struct(StructId),
    /// A type parameter of a stdlib generic (`T`).
    Param(String),
}

/// The type of a function or closure.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct FunctionType {
    pub phase: Phase,
    pub params: Vec<TypeId>,
    pub result: TypeId,
}

/// The arena every type lives in.
#[derive(Debug, Clone)]
pub struct Types {
    types: Vec<Type>,
    ids: HashMap<Type, TypeId>,
    /// Names of classes and structs, for printing.
    class_names: Vec<String>,
    struct_names: Vec<String>,
}

impl Default for Types {
    fn default() -> Self {
        Self::new()
    }
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

    pub fn new() -> Types {
        let mut types = Types { types: Vec::new(), ids: HashMap::new(), class_names: Vec::new(), struct_names: Vec::new() };
        for ty in
            [Type::Error, Type::Void, Type::Nil, Type::Num, Type::Str, Type::Bool, Type::Duration, Type::Json, Type::MutJson]
        {
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

    pub fn get(&self, id: TypeId) -> &Type {
        &self.types[id.0 as usize]
    }

    pub fn optional(&mut self, inner: TypeId) -> TypeId {
        match self.get(inner) {
            Type::Optional(_) | Type::Error => inner,
            _ => self.intern(Type::Optional(inner)),
        }
    }

    /// Registers the printable name of a class id.
    pub fn name_class(&mut self, id: ClassId, name: String) {
        let i = id.0 as usize;
        if self.class_names.len() <= i {
            self.class_names.resize(i + 1, String::new());
        }
        self.class_names[i] = name;
    }

    pub fn name_struct(&mut self, id: StructId, name: String) {
        let i = id.0 as usize;
        if self.struct_names.len() <= i {
            self.struct_names.resize(i + 1, String::new());
        }
        self.struct_names[i] = name;
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

    /// Whether values of this type can cross into Json without conversion.
    pub fn is_json_compatible(&self, id: TypeId) -> bool {
        match self.get(id) {
            Type::Error | Type::Num | Type::Str | Type::Bool | Type::Json | Type::MutJson => true,
            Type::Nil => true,
            Type::Optional(inner) | Type::Array(inner) | Type::MutArray(inner) => self.is_json_compatible(*inner),
            Type::Map(inner) | Type::MutMap(inner) => self.is_json_compatible(*inner),
            _ => false,
        }
    }

    /// Whether a value of type `from` may be used where `to` is expected.
    pub fn is_assignable(&self, from: TypeId, to: TypeId) -> bool {
        if from == to {
            return true;
        }
        match (self.get(from), self.get(to)) {
            (Type::Error, _) | (_, Type::Error) => true,
            (Type::Nil, Type::Optional(_)) => true,
            (Type::Optional(f), Type::Optional(t)) => self.is_assignable(*f, *t),
            (_, Type::Optional(t)) => self.is_assignable(from, *t),
            (Type::MutJson, Type::Json) => true,
            (_, Type::Json) => self.is_json_compatible(from),
            (Type::MutArray(f), Type::Array(t)) | (Type::Array(f), Type::Array(t)) => self.is_assignable(*f, *t),
            (Type::MutMap(f), Type::Map(t)) | (Type::Map(f), Type::Map(t)) => self.is_assignable(*f, *t),
            (Type::Function(f), Type::Function(t)) => {
                (f.phase == t.phase || t.phase == Phase::Independent)
                    && f.params.len() == t.params.len()
                    && f.params.iter().zip(&t.params).all(|(fp, tp)| self.is_assignable(*tp, *fp))
                    && (t.result == Types::VOID || self.is_assignable(f.result, t.result))
            }
            _ => false,
        }
    }

    /// The type as the user writes it: `Array<str>?`, `inflight (str): void`.
    pub fn display(&self, id: TypeId) -> String {
        let mut out = String::new();
        self.write(id, &mut out);
        out
    }

    fn write(&self, id: TypeId, out: &mut String) {
        let generic = |out: &mut String, name: &str, inner: TypeId| {
            out.push_str(name);
            out.push('<');
            self.write(inner, out);
            out.push('>');
        };
        match self.get(id) {
            Type::Error => out.push_str("unknown"),
            Type::Void => out.push_str("void"),
            Type::Nil => out.push_str("nil"),
            Type::Num => out.push_str("num"),
            Type::Str => out.push_str("str"),
            Type::Bool => out.push_str("bool"),
            Type::Duration => out.push_str("duration"),
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
            Type::Function(f) => {
                if f.phase == Phase::Inflight {
                    out.push_str("inflight ");
                }
                out.push('(');
                for (i, p) in f.params.iter().enumerate() {
                    if i > 0 {
                        out.push_str(", ");
                    }
                    self.write(*p, out);
                }
                out.push_str("): ");
                self.write(f.result, out);
            }
            Type::Class(c) => {
                let _ = write!(out, "{}", self.class_names.get(c.0 as usize).map_or("?", |s| s));
            }
            Type::Struct(s) => {
                let _ = write!(out, "{}", self.struct_names.get(s.0 as usize).map_or("?", |s| s));
            }
            Type::Param(name) => out.push_str(name),
        }
    }
}
