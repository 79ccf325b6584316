//! Literals: takes array, set, map, Json and struct literals (with the type
//! the context expects, which decides what a bare `[…]` or `{ … }` builds),
//! gives their types; reports empty literals of unknown type, missing and
//! unknown struct fields, and values Json cannot hold. Also indexing.

use super::Checker;
use super::infer::InferOrigin;
use super::symbols::TypeRef;
use super::types::{StructId, Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Expr, Ident, Span, TypeAnnotation, UserTypeRef};

/// What a `[…]` literal builds.
#[derive(Clone, Copy)]
enum Sequence {
    Array,
    MutArray,
    Set,
    MutSet,
}

impl Checker {
    pub(super) fn check_array_literal(
        &mut self,
        ty: Option<&TypeAnnotation>,
        items: &[Expr],
        expected: Option<TypeId>,
        span: Span,
    ) -> TypeId {
        let written = ty.map(|t| self.resolve_user_type(t));
        let hint = written.or(expected).map(|t| self.sem.types.strip_optional(t));
        let (kind, item_hint) = match hint.map(|h| self.sem.types.get(h).clone()) {
            Some(Type::Array(item)) => (Sequence::Array, Some(item)),
            Some(Type::MutArray(item)) => (Sequence::MutArray, Some(item)),
            Some(Type::Set(item)) => (Sequence::Set, Some(item)),
            Some(Type::MutSet(item)) => (Sequence::MutSet, Some(item)),
            Some(Type::Json | Type::MutJson) if written.is_none() => {
                let immutable = hint == Some(Types::JSON);
                for item in items {
                    let ty = self.check_json_value(item, hint.unwrap_or(Types::JSON));
                    self.expect_json_item(ty, immutable, item.span);
                }
                return hint.unwrap_or(Types::JSON);
            }
            _ => (Sequence::Array, None),
        };
        if written.is_some() && item_hint.is_none() && written != Some(Types::ERROR) {
            self.report(Diagnostic::error("E0228", "a `[…]` literal builds an `Array`, `MutArray`, `Set` or `MutSet`", span));
        }
        let mut item_ty = item_hint;
        for item in items {
            let ty = self.check_expr_expecting(item, item_ty);
            let ty = self.stored_item(ty, item.span);
            item_ty.get_or_insert(ty);
        }
        let item = item_ty.unwrap_or_else(|| {
            let origin =
                InferOrigin::EmptyLiteral { what: "element", help: "write the type: `Array<str>[]` or `MutArray<num>[]`" };
            self.fresh_infer(span, origin)
        });
        self.sem.types.intern(match kind {
            Sequence::Array => Type::Array(item),
            Sequence::MutArray => Type::MutArray(item),
            Sequence::Set => Type::Set(item),
            Sequence::MutSet => Type::MutSet(item),
        })
    }

    /// The type of an element or value of a literal: a `void` one is an
    /// error (E0203), like a variable that would hold no value.
    fn stored_item(&mut self, ty: TypeId, span: Span) -> TypeId {
        if ty != Types::VOID {
            return ty;
        }
        self.report(
            Diagnostic::error("E0203", "an element would hold no value", span).with_label("this expression has type `void`"),
        );
        Types::ERROR
    }

    pub(super) fn check_map_literal(
        &mut self,
        ty: Option<&TypeAnnotation>,
        entries: &[(Expr, Expr)],
        expected: Option<TypeId>,
        span: Span,
    ) -> TypeId {
        let written = ty.map(|t| self.resolve_user_type(t));
        let hint = written.or(expected).map(|t| self.sem.types.strip_optional(t));
        let (mutable, value_hint) = match hint.map(|h| self.sem.types.get(h).clone()) {
            Some(Type::Map(v)) => (false, Some(v)),
            Some(Type::MutMap(v)) => (true, Some(v)),
            _ => (false, None),
        };
        if written.is_some() && value_hint.is_none() && written != Some(Types::ERROR) {
            self.report(Diagnostic::error("E0228", "a `{… => …}` literal builds a `Map` or a `MutMap`", span));
        }
        let mut value_ty = value_hint;
        for (key, value) in entries {
            self.check_expr_expecting(key, Some(Types::STR));
            let ty = self.check_expr_expecting(value, value_ty);
            let ty = self.stored_item(ty, value.span);
            value_ty.get_or_insert(ty);
        }
        let value = value_ty.unwrap_or_else(|| {
            let origin = InferOrigin::EmptyLiteral { what: "value", help: "write the type: `Map<str>{}` or `MutMap<num>{}`" };
            self.fresh_infer(span, origin)
        });
        self.sem.types.intern(if mutable { Type::MutMap(value) } else { Type::Map(value) })
    }

    /// `Json { … }`, `MutJson { … }`, and a bare `{ … }`: a struct when a
    /// struct is expected, Json otherwise.
    pub(super) fn check_json_literal(
        &mut self,
        mutable: bool,
        explicit: bool,
        fields: &[(Ident, Expr)],
        expected: Option<TypeId>,
        span: Span,
    ) -> TypeId {
        if !explicit
            && let Some(Type::Struct(id)) = expected.map(|e| self.sem.types.get(self.sem.types.strip_optional(e)).clone())
        {
            let brace = Span { end: span.start + 1, ..span };
            return self.check_struct_fields(id, fields, brace);
        }
        // `{ name: value }` where a map is expected is a map, as in Wing
        // (`env: { REGION: "eu" }`).
        if !explicit
            && let Some(map) = expected.map(|e| self.sem.types.strip_optional(e))
            && let Type::Map(value_ty) | Type::MutMap(value_ty) = self.sem.types.get(map).clone()
        {
            for (_, value) in fields {
                self.check_expr_expecting(value, Some(value_ty));
            }
            return map;
        }
        let wants_mutable = !explicit && expected.is_some_and(|e| self.sem.types.strip_optional(e) == Types::MUT_JSON);
        let immutable = !(mutable || wants_mutable);
        for (_, value) in fields {
            let ty = self.check_json_value(value, if immutable { Types::JSON } else { Types::MUT_JSON });
            self.expect_json_item(ty, immutable, value.span);
        }
        if immutable { Types::JSON } else { Types::MUT_JSON }
    }

    /// A value put into a Json literal: Json data, and (as in Wing) not a
    /// `MutJson` inside an immutable `Json`, which could change under it.
    fn expect_json_item(&mut self, ty: TypeId, immutable: bool, span: Span) {
        if immutable && ty == Types::MUT_JSON {
            self.report(
                Diagnostic::error("E0213", "a `MutJson` cannot be stored in an immutable `Json`", span)
                    .with_label("this is a `MutJson`")
                    .with_help("store a copy: `Json.deepCopy(…)`")
                    .with_note("a `Json` value never changes, and a `MutJson` inside it could"),
            );
            return;
        }
        self.expect_json(ty, span);
    }

    /// A value inside a Json literal: nested `{ … }` and `[ … ]` are Json
    /// too; anything else is checked on its own (`expect_json` reports
    /// what Json cannot hold, once).
    fn check_json_value(&mut self, value: &Expr, json: TypeId) -> TypeId {
        let nested = matches!(
            value.kind,
            crate::syntax::ast::ExprKind::JsonLiteral { explicit: false, .. }
                | crate::syntax::ast::ExprKind::ArrayLiteral { ty: None, .. }
        );
        if nested { self.check_expr_expecting(value, Some(json)) } else { self.check_expr(value) }
    }

    /// E0214: a struct has no field `name` (with the closest one as help).
    pub(super) fn report_unknown_field(&mut self, id: StructId, name: &Ident) {
        let info = self.sem.structure(id);
        let mut diagnostic =
            Diagnostic::error("E0214", format!("struct `{}` has no field `{}`", info.qualified, name.name), name.span)
                .with_label("unknown field");
        if let Some(best) =
            super::scope::closest_name(&name.name, info.fields.iter().map(|(n, _)| n.as_str()), &self.suggestions_left)
        {
            diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
        }
        self.report(diagnostic);
    }

    pub(super) fn check_struct_literal(&mut self, ty: &UserTypeRef, fields: &[(Ident, Expr)]) -> TypeId {
        let names: Vec<&str> = ty.path.iter().map(|p| p.name.as_str()).collect();
        match self.find_type(&names, Default::default()) {
            Some(TypeRef::Struct(id)) => self.check_struct_fields(id, fields, ty.span),
            Some(_) => {
                self.report(
                    Diagnostic::error("E0212", "only structs can be built with `Name { … }`", ty.span)
                        .with_help("create classes with `new`"),
                );
                Types::ERROR
            }
            None => {
                self.report_unknown_type(&names, ty.span, Default::default());
                for (_, value) in fields {
                    self.check_expr(value);
                }
                Types::ERROR
            }
        }
    }

    /// Checks the fields of a struct literal; missing fields are reported at
    /// `head` (the struct's name, or the `{` of a bare literal).
    fn check_struct_fields(&mut self, id: StructId, fields: &[(Ident, Expr)], head: Span) -> TypeId {
        let info = self.sem.structure(id).clone();
        for (i, (name, value)) in fields.iter().enumerate() {
            if let Some((first, _)) = fields[..i].iter().find(|(n, _)| n.name == name.name) {
                self.report(
                    Diagnostic::error("E0239", format!("the field `{}` is given twice", name.name), name.span)
                        .with_label("given again here")
                        .with_secondary(first.span, "first given here"),
                );
            }
            match info.field(&name.name) {
                Some(ty) => {
                    self.check_expr_expecting(value, Some(ty));
                }
                None => {
                    self.check_expr(value);
                    self.report_unknown_field(id, name);
                }
            }
        }
        let missing: Vec<&str> = info
            .fields
            .iter()
            .filter(|(field, ty)| !self.sem.types.is_optional(*ty) && !fields.iter().any(|(n, _)| &n.name == field))
            .map(|(field, _)| field.as_str())
            .collect();
        if !missing.is_empty() {
            let list = missing.iter().map(|f| format!("`{f}`")).collect::<Vec<_>>().join(", ");
            self.report(
                Diagnostic::error(
                    "E0215",
                    format!("missing field{} {list} of struct `{}`", if missing.len() == 1 { "" } else { "s" }, info.qualified),
                    head,
                )
                .with_label(format!("{list} {} required", if missing.len() == 1 { "is" } else { "are" })),
            );
        }
        self.sem.types.intern(Type::Struct(id))
    }

    pub(super) fn check_index(&mut self, object: &Expr, index: &Expr) -> TypeId {
        let object_ty = self.check_expr(object);
        match self.sem.types.get(object_ty).clone() {
            Type::Array(item) | Type::MutArray(item) => {
                self.check_expr_expecting(index, Some(Types::NUM));
                item
            }
            Type::Map(item) | Type::MutMap(item) => {
                self.check_expr_expecting(index, Some(Types::STR));
                item
            }
            Type::Str => {
                self.check_expr_expecting(index, Some(Types::NUM));
                Types::STR
            }
            Type::Json | Type::MutJson => {
                let ty = self.check_expr(index);
                if ty != Types::STR && ty != Types::NUM && ty != Types::ERROR {
                    self.report(Diagnostic::error(
                        "E0222",
                        "a Json value is indexed by a `str` key or a `num` position",
                        index.span,
                    ));
                }
                object_ty
            }
            Type::Error => {
                self.check_expr(index);
                Types::ERROR
            }
            _ => {
                self.check_expr(index);
                let shown = self.sem.types.display(object_ty);
                self.report(
                    Diagnostic::error("E0222", format!("a `{shown}` cannot be indexed"), object.span)
                        .with_note("arrays are indexed by position, maps and Json by key"),
                );
                Types::ERROR
            }
        }
    }
}
