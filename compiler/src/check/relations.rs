//! Assignability: takes two types, gives whether a value of the first may
//! be used where the second is expected: optionals, mutable collections as
//! immutable ones, subclasses and implemented interfaces, data as Json,
//! function types by their parameters and results.

use super::model::Semantics;
use super::types::{Type, TypeId, Types};
use crate::syntax::ast::Phase;

impl Semantics {
    /// Whether a value of type `from` may be used where `to` is expected.
    pub fn is_assignable(&self, from: TypeId, to: TypeId) -> bool {
        if from == to {
            return true;
        }
        let types = &self.types;
        match (types.get(from), types.get(to)) {
            (Type::Error, _) | (_, Type::Error) => true,
            (Type::Nil, Type::Optional(_)) => true,
            (Type::Optional(f), Type::Optional(t)) => self.is_assignable(*f, *t),
            (_, Type::Optional(t)) => self.is_assignable(from, *t),
            (Type::MutJson, Type::Json) => true,
            (_, Type::Json) => self.is_json_data(from),
            // Data becomes mutable Json by copy; an immutable Json does not.
            (Type::Json, Type::MutJson) => false,
            (_, Type::MutJson) => self.is_json_data(from),
            (Type::MutArray(f) | Type::Array(f), Type::Array(t))
            | (Type::MutMap(f) | Type::Map(f), Type::Map(t))
            | (Type::MutSet(f) | Type::Set(f), Type::Set(t)) => self.is_assignable(*f, *t),
            (Type::Class(sub), Type::Class(sup)) => self.is_subclass(*sub, *sup),
            (Type::Class(class), Type::Interface(interface)) => self.implements(*class, *interface),
            (Type::Interface(sub), Type::Interface(sup)) => self.interface_extends(*sub, *sup),
            (Type::Struct(sub), Type::Struct(sup)) => self.struct_fits(*sub, *sup),
            (Type::Function(f), Type::Function(t)) => {
                (f.phase == t.phase || t.phase == Phase::Independent || f.phase == Phase::Independent)
                    // Fewer parameters are fine, as in Wing: the rest of
                    // the arguments are ignored.
                    && (f.params.len() == t.params.len() || (f.params.len() < t.params.len() && !f.variadic && !t.variadic))
                    && f.variadic == t.variadic
                    && f.params.iter().zip(&t.params).all(|(fp, tp)| self.is_assignable(*tp, *fp))
                    && (t.result == Types::VOID || self.is_assignable(f.result, t.result))
            }
            _ => false,
        }
    }

    /// Whether values of this type are data that converts to Json: Json
    /// itself, primitives, collections of data and structs of data.
    pub fn is_json_data(&self, ty: TypeId) -> bool {
        match self.types.get(ty) {
            Type::Struct(id) => self.structure(*id).fields.iter().all(|(_, t)| self.is_json_data(*t)),
            Type::Enum(_) => true,
            Type::Optional(inner) | Type::Array(inner) | Type::MutArray(inner) | Type::Map(inner) | Type::MutMap(inner) => {
                self.is_json_data(*inner)
            }
            _ => self.types.is_json_compatible(ty),
        }
    }

    /// A struct fits another when it has every field of it, each of a
    /// fitting type (a struct that `extends` another always does).
    fn struct_fits(&self, sub: super::types::StructId, sup: super::types::StructId) -> bool {
        let (sub, sup) = (self.structure(sub), self.structure(sup));
        sup.fields.iter().all(|(name, ty)| match sub.field(name) {
            Some(mine) => self.is_assignable(mine, *ty),
            None => self.types.is_optional(*ty),
        })
    }
}
