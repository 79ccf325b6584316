//! Assignability: takes two types, gives whether a value of the first may
//! be used where the second is expected: optionals, mutable collections as
//! immutable ones, subclasses and implemented interfaces, data as Json,
//! function types by their parameters and results.
//!
//! Struct types may be recursive (`struct Node { next: Node?; }`), so the
//! structural checks are coinductive: a question already being answered
//! (this struct as that one, this struct as Json) is assumed to hold, and
//! the rest of the check verifies it. Every rule is a conjunction, so when
//! the whole check holds every assumption made during it holds too; an
//! assumption is kept for the rest of the check, so each pair of structs
//! is compared at most once and the check stays polynomial.

use super::model::{MethodReceiver, Semantics};
use super::symbols::{ClassKind, MemberKind};
use super::types::{ClassId, FunctionType, InterfaceId, StructId, Type, TypeId, Types};
use crate::syntax::ast::Phase;
use std::collections::HashSet;

/// What one assignability check has assumed so far.
#[derive(Default)]
struct Assumed {
    /// Pairs of structs (`sub` fits `sup`).
    fits: HashSet<(StructId, StructId)>,
    /// Structs whose values are Json data.
    json: HashSet<StructId>,
}

impl Semantics {
    /// Whether a value of type `from` may be used where `to` is expected.
    pub fn is_assignable(&self, from: TypeId, to: TypeId) -> bool {
        self.assignable(from, to, &mut Assumed::default())
    }

    /// Whether a user class `sub` would be used as the std resource class
    /// `sup` it extends (not supported yet: inflight, its object is no
    /// resource handle).
    pub fn is_std_upcast(&self, sub: ClassId, sup: ClassId) -> bool {
        self.class(sub).kind == ClassKind::User && self.class(sup).kind == ClassKind::Resource
    }

    /// Whether values of this type are data that converts to Json: Json
    /// itself, primitives, collections of data and structs of data.
    pub fn is_json_data(&self, ty: TypeId) -> bool {
        self.json_data(ty, &mut Assumed::default())
    }

    fn assignable(&self, from: TypeId, to: TypeId, assumed: &mut Assumed) -> bool {
        let types = &self.types;
        let (from, to) = (types.resolve(from), types.resolve(to));
        if from == to {
            return true;
        }
        match (types.get(from), types.get(to)) {
            // An unsolved inference variable is checked once it is solved
            // (the checker solves it from this very use when it can).
            (Type::Error | Type::Infer(_), _) | (_, Type::Error | Type::Infer(_)) => true,
            (Type::Nil, Type::Optional(_)) => true,
            (Type::Optional(f), Type::Optional(t)) => self.assignable(*f, *t, assumed),
            (_, Type::Optional(t)) => self.assignable(from, *t, assumed),
            (Type::MutJson, Type::Json) => true,
            // As in Wing, a `Json` is never nil: an optional needs unwrapping
            // first (inside a collection or a struct, nil becomes `null`).
            (Type::Nil | Type::Optional(_), Type::Json | Type::MutJson) => false,
            (_, Type::Json) => self.json_data(from, assumed),
            // Data becomes mutable Json by copy; an immutable Json does not.
            (Type::Json, Type::MutJson) => false,
            (_, Type::MutJson) => self.json_data(from, assumed),
            (Type::MutArray(f) | Type::Array(f), Type::Array(t))
            | (Type::MutMap(f) | Type::Map(f), Type::Map(t))
            | (Type::MutSet(f) | Type::Set(f), Type::Set(t)) => self.assignable(*f, *t, assumed),
            (Type::Class(sub), Type::Class(sup)) => self.is_subclass(*sub, *sup) && !self.is_std_upcast(*sub, *sup),
            (Type::Class(class), Type::Interface(interface)) => self.implements(*class, *interface),
            (Type::Interface(sub), Type::Interface(sup)) => self.interface_extends(*sub, *sup),
            (Type::Struct(sub), Type::Struct(sup)) => self.struct_fits(*sub, *sup, assumed),
            (Type::Function(f), Type::Function(t)) => {
                (f.phase == t.phase || t.phase == Phase::Independent || f.phase == Phase::Independent)
                    // Fewer parameters are fine, as in Wing: the rest of
                    // the arguments are ignored.
                    && (f.params.len() == t.params.len() || (f.params.len() < t.params.len() && !f.variadic && !t.variadic))
                    && f.variadic == t.variadic
                    && f.params.iter().zip(&t.params).all(|(fp, tp)| self.assignable(*tp, *fp, assumed))
                    && (t.result == Types::VOID || self.assignable(f.result, t.result, assumed))
            }
            _ => false,
        }
    }

    /// The `handle` method that makes values of a class or interface type
    /// callable (a closure class, as Wing's `cloud.IFunctionHandler`): its
    /// receiver for dispatch and its type.
    pub fn handle_method(&self, ty: TypeId) -> Option<(MethodReceiver, FunctionType)> {
        let (receiver, member) = match self.types.get(self.types.strip_optional(ty)) {
            Type::Class(class) => {
                let (_, member) = self.find_member(*class, "handle")?;
                (MethodReceiver::Class(*class), member)
            }
            Type::Interface(interface) => {
                let mut stack = vec![*interface];
                let mut seen = Vec::new();
                let member = loop {
                    let next = stack.pop()?;
                    let info = self.interface(next);
                    if let Some(member) = info.members.iter().find(|m| m.name == "handle") {
                        break member;
                    }
                    if !seen.contains(&next) {
                        seen.push(next);
                        stack.extend(info.extends.iter().copied());
                    }
                };
                (MethodReceiver::Interface(*interface), member)
            }
            _ => return None,
        };
        match &member.kind {
            MemberKind::Method(signature) if !member.is_static => {
                Some((receiver, FunctionType { phase: member.phase, ..signature.clone() }))
            }
            _ => None,
        }
    }

    /// The `handle` type of an interface a closure can stand for: one whose
    /// only member (through what it extends) is an instance method
    /// `handle`, as Wing's handler interfaces (`cloud.IFunctionHandler`).
    pub fn closure_interface(&self, ty: TypeId) -> Option<FunctionType> {
        let Type::Interface(interface) = self.types.get(self.types.strip_optional(ty)) else { return None };
        if !self.only_handle(*interface) {
            return None;
        }
        self.handle_method(ty).map(|(_, handle)| handle)
    }

    /// Whether `handle` is all an interface and those it extends declare.
    pub fn only_handle(&self, interface: InterfaceId) -> bool {
        let mut stack = vec![interface];
        let mut seen = Vec::new();
        while let Some(next) = stack.pop() {
            if seen.contains(&next) {
                continue;
            }
            seen.push(next);
            let info = self.interface(next);
            if info.members.iter().any(|m| m.name != "handle") {
                return false;
            }
            stack.extend(info.extends.iter().copied());
        }
        true
    }

    fn json_data(&self, ty: TypeId, assumed: &mut Assumed) -> bool {
        match self.types.get(ty) {
            Type::Struct(id) => {
                !assumed.json.insert(*id) || self.structure(*id).fields.iter().all(|(_, t)| self.json_data(*t, assumed))
            }
            Type::Enum(_) => true,
            // As in Wing, a mutable collection is not Json (it could
            // change under the Json value): its `copy()` is.
            Type::Optional(inner) | Type::Array(inner) | Type::Map(inner) => self.json_data(*inner, assumed),
            _ => self.types.is_json_compatible(ty),
        }
    }

    /// A struct fits another when it has every field of it, each of a
    /// fitting type (a struct that `extends` another always does).
    fn struct_fits(&self, sub: StructId, sup: StructId, assumed: &mut Assumed) -> bool {
        if !assumed.fits.insert((sub, sup)) {
            return true;
        }
        let (sub, sup) = (self.structure(sub), self.structure(sup));
        sup.fields.iter().all(|(name, ty)| match sub.field(name) {
            Some(mine) => self.assignable(mine, *ty, assumed),
            None => self.types.is_optional(*ty),
        })
    }
}
