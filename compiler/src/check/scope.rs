//! Scopes and function contexts: takes declarations and name uses as the
//! checker walks the tree, gives variable ids, name resolutions, and the
//! captures of every function.
//!
//! A use of a variable declared outside the current function is where
//! phases meet: a preflight variable used by inflight code is *lifted*
//! into the lift root (see `lifting.rs`); an inflight variable of an
//! enclosing inflight function is *captured* into the environment of every
//! function in between (and kept in a box when it can be reassigned).

use super::Checker;
use super::lifting::{Flow, Lift, Path, Usage};
use super::model::{ExternRef, NameRef, VarId, VarInfo, VarKind};
use super::symbols::TypeRef;
use super::types::{ClassId, Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Ident, NodeId, Phase, Span};
use std::cell::Cell;
use std::collections::{BTreeMap, HashMap};

#[derive(Debug, Clone)]
pub(super) enum Binding {
    Var(VarId),
    Namespace(String),
    Extern(ExternRef),
    Type(TypeRef),
    /// A type parameter of a user class (already reported as not allowed):
    /// its uses are the error type, silently.
    ErasedType,
}

#[derive(Debug, Default)]
pub(super) struct Scope {
    pub names: HashMap<String, Binding>,
    /// Variables the block declares further down, not reached yet: a use
    /// of one is "used before it is declared", not an unknown name.
    pub declared_later: HashMap<String, Span>,
}

/// A function being checked (a closure, a `test` block, a method).
#[derive(Debug)]
pub(super) struct FnContext {
    pub phase: Phase,
    /// Declared return type; `None` means infer from `return`s.
    pub declared_result: Option<TypeId>,
    pub inferred_result: Option<TypeId>,
    pub captures: Vec<VarId>,
    pub lifts: Vec<Lift>,
    /// Paths passed to known functions (see `lifting.rs`).
    pub flows: Vec<Flow>,
    pub untracked: BTreeMap<ClassId, Usage>,
    /// The class whose method or constructor this is.
    pub class: Option<ClassId>,
    /// Loops enclosing the current statement within this function.
    pub loops: usize,
    /// Whether this is a constructor (or inflight initializer).
    pub constructor: bool,
}

impl Checker {
    pub(super) fn phase(&self) -> Phase {
        self.functions.last().map_or(Phase::Preflight, |f| f.phase)
    }

    /// The class whose method the current code is in (also inside closures
    /// nested in the method).
    pub(super) fn current_class(&self) -> Option<ClassId> {
        self.functions.iter().rev().find_map(|f| f.class)
    }

    pub(super) fn push_scope(&mut self) {
        self.scopes.push(Scope::default());
    }

    pub(super) fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    pub(super) fn push_function(&mut self, phase: Phase, declared_result: Option<TypeId>, class: Option<ClassId>) {
        self.functions.push(FnContext {
            phase,
            declared_result,
            inferred_result: None,
            captures: Vec::new(),
            lifts: Vec::new(),
            flows: Vec::new(),
            untracked: BTreeMap::new(),
            class,
            loops: 0,
            constructor: false,
        });
        self.push_scope();
    }

    pub(super) fn pop_function(&mut self) -> FnContext {
        self.pop_scope();
        self.functions.pop().expect("push_function before pop_function")
    }

    /// Declares a variable in the innermost scope; reports a duplicate in
    /// the same scope.
    pub(super) fn declare_var(&mut self, name: &Ident, ty: TypeId, kind: VarKind, reassignable: bool) -> VarId {
        let id = VarId(self.sem.vars.len() as u32);
        self.sem.vars.push(VarInfo {
            name: name.name.clone(),
            ty,
            kind,
            reassignable,
            phase: self.phase(),
            boxed: false,
            span: name.span,
        });
        self.var_depth.push(self.functions.len());
        let scope = self.scopes.last_mut().expect("a scope is open");
        if let Some(Binding::Var(previous)) = scope.names.get(&name.name) {
            let previous_span = self.sem.vars[previous.0 as usize].span;
            let help = match kind {
                VarKind::Let => "choose another name, or declare it once with `let var` and assign with `=`",
                _ => "choose another name",
            };
            self.report(
                Diagnostic::error("E0101", format!("`{}` is already declared in this scope", name.name), name.span)
                    .with_label("declared again here")
                    .with_secondary(previous_span, "first declared here")
                    .with_help(help),
            );
        }
        let scope = self.scopes.last_mut().expect("a scope is open");
        scope.declared_later.remove(&name.name);
        self.bind(&name.name, Binding::Var(id));
        id
    }

    pub(super) fn bind(&mut self, name: &str, binding: Binding) {
        self.scopes.last_mut().expect("a scope is open").names.insert(name.to_string(), binding);
    }

    pub(super) fn lookup(&self, name: &str) -> Option<&Binding> {
        self.scopes.iter().rev().find_map(|s| s.names.get(name))
    }

    /// The module a `bring`-bound name refers to.
    pub(super) fn brought_namespace(&self, name: &str) -> Option<String> {
        match self.lookup(name) {
            Some(Binding::Namespace(ns)) => Some(ns.clone()),
            _ => None,
        }
    }

    /// Resolves a name used as a value. A lifted variable used this way is
    /// needed whole.
    pub(super) fn resolve_name(&mut self, ident: &Ident, node: NodeId) -> TypeId {
        let Some(binding) = self.lookup(&ident.name).cloned() else {
            self.report_unknown_name(ident);
            return Types::ERROR;
        };
        self.check_not_shadowed_later(ident);
        let (name_ref, ty) = match binding {
            Binding::Var(var) => {
                let (ty, path) = self.use_var(var, ident.span);
                if let Some((root, path)) = path {
                    self.record_whole_use(root, &path, ty);
                }
                if let Some(function) = self.closure_vars.get(&var).copied()
                    && !self.callees.contains(&node)
                {
                    self.pending_flows.escapes.push((function, ident.span));
                }
                (NameRef::Var(var), ty)
            }
            Binding::Extern(target) => {
                let ty = self.sem.types.function(target.signature.clone());
                (NameRef::Extern(target), ty)
            }
            Binding::Namespace(ns) => {
                self.report(
                    Diagnostic::error("E0112", format!("the module `{ns}` is not a value"), ident.span)
                        .with_help(format!("use one of its members: `{}.…`", ident.name)),
                );
                (NameRef::Namespace(ns), Types::ERROR)
            }
            Binding::ErasedType => (NameRef::Namespace(String::new()), Types::ERROR),
            Binding::Type(ty) => {
                let shown = self.type_ref_name(ty);
                self.report(
                    Diagnostic::error("E0113", format!("the type `{shown}` is not a value"), ident.span)
                        .with_help("create a value with `new` or a literal, or use one of its static members"),
                );
                (NameRef::Type(ty), Types::ERROR)
            }
        };
        self.sem.names.insert(node, name_ref);
        ty
    }

    pub(super) fn type_ref_name(&self, ty: TypeRef) -> String {
        match ty {
            TypeRef::Class(c) => self.sem.class(c).qualified.clone(),
            TypeRef::Struct(s) => self.sem.structure(s).qualified.clone(),
            TypeRef::Interface(i) => self.sem.interface(i).qualified.clone(),
            TypeRef::Enum(e) => self.sem.enumeration(e).qualified.clone(),
        }
    }

    /// E0145: a name used in a block that declares the same name further
    /// down. As in Wing it is an error, not the outer binding: the reader
    /// would take it for the one declared below.
    fn check_not_shadowed_later(&mut self, ident: &Ident) {
        let Some(found) = self.scopes.iter().rposition(|s| s.names.contains_key(&ident.name)) else { return };
        let Some(later) = self.scopes[found + 1..].iter().rev().find_map(|s| s.declared_later.get(&ident.name)).copied() else {
            return;
        };
        self.report(
            Diagnostic::error("E0145", format!("`{}` is used above a declaration that shadows it", ident.name), ident.span)
                .with_label("this would be the outer one")
                .with_secondary(later, format!("this `{}` hides the outer one from here on", ident.name))
                .with_help(format!("rename the `{}` declared below, or move it above this use", ident.name)),
        );
    }

    fn report_unknown_name(&mut self, ident: &Ident) {
        if let Some(declared) = self.scopes.iter().rev().find_map(|s| s.declared_later.get(&ident.name)) {
            self.report(
                Diagnostic::error("E0102", format!("`{}` is used before it is declared", ident.name), ident.span)
                    .with_label("used here")
                    .with_secondary(*declared, "declared here, after the use")
                    .with_help(format!("move the declaration of `{}` above its first use", ident.name)),
            );
            return;
        }
        let candidates = self.scopes.iter().flat_map(|s| s.names.keys().map(String::as_str));
        let mut diagnostic = Diagnostic::error("E0102", format!("unknown name `{}`", ident.name), ident.span)
            .with_label("not found in this scope");
        if super::stmt::BRINGABLE.contains(&ident.name.as_str()) {
            diagnostic = diagnostic.with_help(format!("add `bring {};` at the top of the file", ident.name));
        } else if let Some(best) = closest_name(&ident.name, candidates, &self.suggestions_left) {
            diagnostic = diagnostic.with_help(format!("a name with a similar spelling exists: `{best}`"));
        }
        self.report(diagnostic);
    }

    /// What using `var` from the current function means: its type as seen
    /// here, and the path its uses are recorded along (see `lifting.rs`):
    /// from the lift root it is lifted into, from its own function for a
    /// local root, or the path an alias stands for. Records captures on
    /// the way.
    pub(super) fn use_var(&mut self, var: VarId, span: Span) -> (TypeId, Option<(usize, Path)>) {
        let (ty, root) = self.use_var_root(var, span);
        let path = match self.aliases.get(&var) {
            Some(aliased) => Some(aliased.clone()),
            None => root.map(|root| (root, Path { var, fields: Vec::new() })),
        };
        (ty, path)
    }

    fn use_var_root(&mut self, var: VarId, span: Span) -> (TypeId, Option<usize>) {
        let declared = self.var_depth[var.0 as usize];
        let depth = self.functions.len();
        let info = self.sem.var(var).clone();
        if info.phase == Phase::Inflight || declared == depth {
            for f in &mut self.functions[declared.min(depth)..] {
                if !f.captures.contains(&var) {
                    f.captures.push(var);
                }
            }
            if info.reassignable && declared < depth && info.phase == Phase::Inflight {
                self.sem.vars[var.0 as usize].boxed = true;
            }
            let root = self.local_roots.contains(&var).then(|| declared - 1);
            return (info.ty, root);
        }
        let Some(offset) = self.functions[declared..].iter().position(|f| f.phase == Phase::Inflight) else {
            return (info.ty, None);
        };
        let root = declared + offset;
        if info.reassignable {
            self.report(
                Diagnostic::error(
                    "E0301",
                    format!("cannot use the reassignable preflight variable `{}` inflight", info.name),
                    span,
                )
                .with_label("used inflight here")
                .with_secondary(info.span, "declared with `let var` here")
                .with_note("inflight code gets a copy of preflight values, taken when the app is compiled")
                .with_help("declare it with `let` so its value is fixed"),
            );
            return (Types::ERROR, None);
        }
        if let Type::Function(f) = self.sem.types.get(info.ty)
            && f.phase == Phase::Preflight
        {
            self.report(
                Diagnostic::error("E0302", format!("cannot call the preflight function `{}` inflight", info.name), span)
                    .with_label("used inflight here")
                    .with_secondary(info.span, "declared preflight here")
                    .with_help("declare it `inflight (…) => { … }` to call it from inflight code"),
            );
            return (Types::ERROR, None);
        }
        (self.sem.types.frozen(info.ty), Some(root))
    }
}

/// How many candidate names "did you mean" compares in one check, over
/// all its suggestions: a program with thousands of unknown names among
/// thousands of declared ones would otherwise take time in the product of
/// the two. Once spent, errors come without the suggestion.
pub(super) const SUGGESTION_BUDGET: usize = 1_000_000;

/// The candidate within edit distance 2 (or a third of the length) of
/// `name`, for "did you mean"; none once `budget` (candidates left to
/// compare, counted down) runs out before the last candidate.
pub(super) fn closest_name<'c>(
    name: &str,
    candidates: impl IntoIterator<Item = &'c str>,
    budget: &Cell<usize>,
) -> Option<&'c str> {
    let limit = (name.len() / 3).clamp(1, 2);
    let lower = name.to_lowercase();
    // Case is ignored, and JavaScript habits are known: `toUpperCase` is
    // `uppercase`.
    let bare = lower
        .strip_prefix("to")
        .and_then(|n| n.strip_suffix("case"))
        .map(|n| format!("{n}case"))
        .unwrap_or_else(|| lower.clone());
    let lengths = [lower.chars().count(), bare.chars().count()];
    let mut best: Option<(usize, &str)> = None;
    for candidate in candidates {
        let left = budget.get().checked_sub(1)?;
        budget.set(left);
        let length = candidate.chars().count();
        if candidate == name || lengths.iter().all(|l| l.abs_diff(length) > limit) {
            continue;
        }
        let lowered = candidate.to_lowercase();
        let distance = edit_distance(&lower, &lowered).min(edit_distance(&bare, &lowered));
        if distance <= limit && best.is_none_or(|b| (distance, candidate) < b) {
            best = Some((distance, candidate));
        }
    }
    best.map(|(_, c)| c)
}

/// Levenshtein distance, two rows reused.
fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    let mut current = vec![0; b.len() + 1];
    for (i, ca) in a.chars().enumerate() {
        current[0] = i + 1;
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current[j + 1] = substitute.min(previous[j + 1] + 1).min(current[j] + 1);
        }
        std::mem::swap(&mut previous, &mut current);
    }
    previous[b.len()]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_closest_name_is_a_typo_away() {
        let budget = Cell::new(100);
        let names = ["value1", "value10", "valve", "toUpperCase", "uppercase"];
        assert_eq!(closest_name("valeu1", names, &budget), Some("value1"));
        assert_eq!(closest_name("toUppercase", names, &budget), Some("toUpperCase"));
        assert_eq!(closest_name("toUpperCase", ["uppercase"], &budget), Some("uppercase"));
        assert_eq!(closest_name("somethingelse", names, &budget), None);
        assert_eq!(budget.get(), 100 - 16);
    }

    #[test]
    fn no_suggestion_once_the_budget_is_spent() {
        let names: Vec<String> = (0..10).map(|i| format!("value{i}")).collect();
        let budget = Cell::new(12);
        assert_eq!(closest_name("valeu9", names.iter().map(String::as_str), &budget), Some("value9"));
        assert_eq!(closest_name("valeu9", names.iter().map(String::as_str), &budget), None);
        assert_eq!(budget.get(), 0);
        assert_eq!(closest_name("valeu1", ["value1"], &budget), None);
    }
}
