//! Scopes and function contexts: takes declarations and name uses as the
//! checker walks the tree, gives variable ids, name resolutions, and the
//! captures and lifts of every closure.
//!
//! A use of a variable declared outside the current function is where
//! phases meet: a preflight variable used by inflight code is *lifted* into
//! the outermost inflight function (its bundle), with the operations called
//! on it; an inflight variable of an enclosing inflight function is
//! *captured* into the environment of every function in between.

use super::Checker;
use super::model::{ExternRef, Lift, NameRef, VarId, VarInfo};
use super::types::{Type, TypeId};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Ident, NodeId, Phase, Span};
use std::collections::{BTreeSet, HashMap};

#[derive(Debug, Clone)]
pub(super) enum Binding {
    Var(VarId),
    Namespace(String),
    Extern(ExternRef),
}

#[derive(Debug, Default)]
pub(super) struct Scope {
    pub names: HashMap<String, Binding>,
}

/// A function being checked (a closure or a `test` block).
#[derive(Debug)]
pub(super) struct FnContext {
    pub phase: Phase,
    /// Declared return type; `None` means infer from `return`s.
    pub declared_result: Option<TypeId>,
    pub inferred_result: Option<TypeId>,
    pub captures: Vec<VarId>,
    pub lifts: Vec<Lift>,
}

impl Checker {
    pub(super) fn phase(&self) -> Phase {
        self.functions.last().map_or(Phase::Preflight, |f| f.phase)
    }

    pub(super) fn push_scope(&mut self) {
        self.scopes.push(Scope::default());
    }

    pub(super) fn pop_scope(&mut self) {
        self.scopes.pop();
    }

    pub(super) fn push_function(&mut self, phase: Phase, declared_result: Option<TypeId>) {
        self.functions.push(FnContext { phase, declared_result, inferred_result: None, captures: Vec::new(), lifts: Vec::new() });
        self.push_scope();
    }

    pub(super) fn pop_function(&mut self) -> FnContext {
        self.pop_scope();
        self.functions.pop().expect("push_function before pop_function")
    }

    /// Declares a variable in the innermost scope; reports a duplicate in
    /// the same scope.
    pub(super) fn declare_var(&mut self, name: &Ident, ty: TypeId, reassignable: bool) -> VarId {
        let id = VarId(self.sem.vars.len() as u32);
        self.sem.vars.push(VarInfo { name: name.name.clone(), ty, reassignable, phase: self.phase(), span: name.span });
        self.var_depth.push(self.functions.len());
        let scope = self.scopes.last_mut().expect("a scope is open");
        if let Some(Binding::Var(previous)) = scope.names.get(&name.name) {
            let previous_span = self.sem.vars[previous.0 as usize].span;
            self.report(
                Diagnostic::error("E0101", format!("`{}` is already declared in this scope", name.name), name.span)
                    .with_label("declared again here")
                    .with_secondary(previous_span, "first declared here")
                    .with_help("choose another name, or assign with `let var` and `=`"),
            );
        }
        self.scopes.last_mut().expect("a scope is open").names.insert(name.name.clone(), Binding::Var(id));
        id
    }

    pub(super) fn bind(&mut self, name: &str, binding: Binding) {
        self.scopes.last_mut().expect("a scope is open").names.insert(name.to_string(), binding);
    }

    pub(super) fn lookup(&self, name: &str) -> Option<&Binding> {
        self.scopes.iter().rev().find_map(|s| s.names.get(name))
    }

    /// The stdlib module a `bring`-bound name refers to.
    pub(super) fn brought_namespace(&self, name: &str) -> Option<String> {
        match self.lookup(name) {
            Some(Binding::Namespace(ns)) => Some(ns.clone()),
            _ => None,
        }
    }

    /// User-declared types by bare name (none until user classes exist).
    pub(super) fn lookup_type_in_scope(&self, _name: &str) -> Option<Type> {
        None
    }

    /// Resolves a name expression. `receiver_of` is the member name when
    /// the name is the object of a member access (`bucket.put`): that is
    /// the operation a lifted resource grants.
    pub(super) fn resolve_name(&mut self, ident: &Ident, node: NodeId, receiver_of: Option<&str>) -> TypeId {
        let Some(binding) = self.lookup(&ident.name).cloned() else {
            self.report_unknown_name(ident);
            return super::Types::ERROR;
        };
        let (name_ref, ty) = match binding {
            Binding::Var(var) => {
                self.note_var_use(var, ident.span, receiver_of);
                (NameRef::Var(var), self.sem.var(var).ty)
            }
            Binding::Extern(target) => {
                let ty = self.sem.types.intern(Type::Function(target.signature.clone()));
                (NameRef::Extern(target), ty)
            }
            Binding::Namespace(ns) => (NameRef::Namespace(ns), super::Types::VOID),
        };
        self.sem.names.insert(node, name_ref);
        ty
    }

    fn report_unknown_name(&mut self, ident: &Ident) {
        let candidates: Vec<&str> = self.scopes.iter().flat_map(|s| s.names.keys().map(String::as_str)).collect();
        let mut diagnostic = Diagnostic::error("E0102", format!("unknown name `{}`", ident.name), ident.span)
            .with_label("not found in this scope");
        if let Some(best) = closest_name(&ident.name, candidates) {
            diagnostic = diagnostic.with_help(format!("a name with a similar spelling exists: `{best}`"));
        } else if ["cloud", "util", "expect", "http", "math"].contains(&ident.name.as_str()) {
            diagnostic = diagnostic.with_help(format!("add `bring {};` at the top of the file", ident.name));
        }
        self.report(diagnostic);
    }

    /// Records what using `var` from the current function means: nothing
    /// (a local), a capture into closure environments, or a lift.
    fn note_var_use(&mut self, var: VarId, span: Span, receiver_of: Option<&str>) {
        let declared_depth = self.var_depth[var.0 as usize];
        let depth = self.functions.len();
        if declared_depth == depth {
            return;
        }
        let info = self.sem.var(var).clone();
        if info.phase == Phase::Inflight {
            for f in &mut self.functions[declared_depth..] {
                if !f.captures.contains(&var) {
                    f.captures.push(var);
                }
            }
            return;
        }
        let Some(root) = self.functions[declared_depth..].iter().position(|f| f.phase == Phase::Inflight) else {
            return;
        };
        let root = declared_depth + root;
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
            return;
        }
        if let Type::Function(f) = self.sem.types.get(info.ty)
            && f.phase == Phase::Preflight
        {
            self.report(
                Diagnostic::error("E0302", format!("cannot use the preflight function `{}` inflight", info.name), span)
                    .with_label("used inflight here")
                    .with_secondary(info.span, "declared preflight here")
                    .with_help("declare it `inflight (…) => { … }` to call it from inflight code"),
            );
            return;
        }
        let ops = self.granted_ops(info.ty, receiver_of);
        let lifts = &mut self.functions[root].lifts;
        match lifts.iter_mut().find(|l| l.var == var) {
            Some(lift) => lift.ops.extend(ops),
            None => lifts.push(Lift { var, ops }),
        }
    }

    /// The operations a use grants on a lifted value: the called method of a
    /// resource, every inflight method when the handle itself escapes.
    fn granted_ops(&self, ty: TypeId, receiver_of: Option<&str>) -> BTreeSet<String> {
        let Type::Class(class) = self.sem.types.get(ty) else {
            return BTreeSet::new();
        };
        let class = self.sem.class(*class);
        match receiver_of {
            Some(op) => class.inflight_methods().filter(|m| *m == op).map(str::to_string).collect(),
            None => class.inflight_methods().map(str::to_string).collect(),
        }
    }
}

/// The candidate within edit distance 2 (or a third of the length) of
/// `name`, for "did you mean".
pub(super) fn closest_name<'c>(name: &str, candidates: impl IntoIterator<Item = &'c str>) -> Option<&'c str> {
    let limit = (name.len() / 3).clamp(1, 2);
    candidates
        .into_iter()
        .filter(|c| *c != name)
        .map(|c| (edit_distance(name, c), c))
        .filter(|(d, _)| *d <= limit)
        .min()
        .map(|(_, c)| c)
}

fn edit_distance(a: &str, b: &str) -> usize {
    let b: Vec<char> = b.chars().collect();
    let mut previous: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.chars().enumerate() {
        let mut current = vec![i + 1];
        for (j, cb) in b.iter().enumerate() {
            let substitute = previous[j] + usize::from(ca != *cb);
            current.push(substitute.min(previous[j + 1] + 1).min(current[j] + 1));
        }
        previous = current;
    }
    previous[b.len()]
}
