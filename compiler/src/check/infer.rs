//! Types found by later use: takes the inference variables the checker
//! makes for an empty literal without an expected type (`let items = [];`)
//! and for a closure parameter without a written or expected type, solves
//! each from the first use that fixes it (an assignment, an argument, a
//! call with an argument), and at the end gives every table of
//! `Semantics` with the solutions written in; a variable no use fixes is a
//! located error (E0229, E0240), as in Wing ("Unable to infer type by
//! usage").

use super::Checker;
use super::types::{Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Span;

/// Where an inference variable comes from, to report it if nothing solves it.
pub(super) enum InferOrigin {
    /// `[]` or `{}` with no type written or expected.
    EmptyLiteral { what: &'static str, help: &'static str },
    /// A closure parameter with no type written or expected.
    Param(String),
}

/// The inference variables made so far and the checks that wait for them.
#[derive(Default)]
pub(super) struct Inference {
    origins: Vec<(TypeId, Span, InferOrigin)>,
    /// Values interpolated into strings while their type was unknown.
    interpolated: Vec<(TypeId, Span)>,
}

impl Checker {
    /// A new inference variable for something at `span`.
    pub(super) fn fresh_infer(&mut self, span: Span, origin: InferOrigin) -> TypeId {
        let ty = self.sem.types.fresh_infer();
        self.inference.origins.push((ty, span, origin));
        ty
    }

    /// Interpolation of a value whose type is not known yet: checked at the end.
    pub(super) fn defer_interpolation(&mut self, ty: TypeId, span: Span) {
        self.inference.interpolated.push((ty, span));
    }

    /// Solves the unsolved inference variables in `found` and `expected` so
    /// that the one fits the other, as far as their shapes agree.
    pub(super) fn unify(&mut self, found: TypeId, expected: TypeId) {
        let types = &self.sem.types;
        let (found, expected) = (types.resolve(found), types.resolve(expected));
        if found == expected {
            return;
        }
        match (types.get(found).clone(), types.get(expected).clone()) {
            (Type::Infer(k), _) if !types.mentions(expected, k) => self.sem.types.solve(k, expected),
            (_, Type::Infer(k)) if found != Types::NIL && found != Types::ERROR && !types.mentions(found, k) => {
                self.sem.types.solve(k, found)
            }
            (Type::Optional(f), Type::Optional(e)) => self.unify(f, e),
            (_, Type::Optional(e)) => self.unify(found, e),
            (Type::Array(f) | Type::MutArray(f), Type::Array(e) | Type::MutArray(e))
            | (Type::Map(f) | Type::MutMap(f), Type::Map(e) | Type::MutMap(e))
            | (Type::Set(f) | Type::MutSet(f), Type::Set(e) | Type::MutSet(e)) => self.unify(f, e),
            (Type::Function(f), Type::Function(e)) => {
                for (fp, ep) in f.params.iter().zip(&e.params) {
                    self.unify(*ep, *fp);
                }
                if e.result != Types::VOID {
                    self.unify(f.result, e.result);
                }
            }
            _ => {}
        }
    }

    /// Reports what no use solved (the variable then stands for the error
    /// type), checks deferred interpolations, and writes the solutions into
    /// the tables later stages read.
    pub(super) fn finish_inference(&mut self) {
        let origins = std::mem::take(&mut self.inference.origins);
        for (ty, span, origin) in origins {
            let Some(k) = self.sem.types.unsolved(ty) else { continue };
            self.sem.types.solve(k, Types::ERROR);
            let diagnostic = match origin {
                InferOrigin::EmptyLiteral { what, help } => Diagnostic::error(
                    "E0229",
                    format!("cannot tell the {what} type of an empty {}", if what == "element" { "array" } else { "map" }),
                    span,
                )
                .with_label("no type written, expected here, or given by a later use")
                .with_help(help),
                InferOrigin::Param(name) => {
                    Diagnostic::error("E0240", format!("cannot tell the type of the parameter `{name}`"), span)
                        .with_label("no type written, expected here, or given by a later call")
                        .with_help(format!("write its type: `{name}: str`"))
                }
            };
            self.report(diagnostic);
        }
        for (ty, span) in std::mem::take(&mut self.inference.interpolated) {
            if !self.sem.types.is_stringable(ty) {
                let shown = self.sem.types.display(ty);
                self.report(
                    Diagnostic::error("E0235", format!("cannot interpolate a `{shown}`"), span)
                        .with_note("interpolation prints `str`, `num`, `bool`, `Json` and enum values"),
                );
            }
        }
        self.write_solutions();
    }

    fn write_solutions(&mut self) {
        let sem = &mut self.sem;
        for var in &mut sem.vars {
            var.ty = sem.types.zonk(var.ty);
        }
        for ty in sem.expr_types.values_mut() {
            *ty = sem.types.zonk(*ty);
        }
        for ty in sem.coercions.values_mut() {
            *ty = sem.types.zonk(*ty);
        }
        for call in sem.calls.values_mut() {
            for ty in &mut call.params {
                *ty = sem.types.zonk(*ty);
            }
        }
        for closure in sem.closures.values_mut() {
            closure.result = sem.types.zonk(closure.result);
            closure.ty = sem.types.zonk(closure.ty);
        }
    }
}
