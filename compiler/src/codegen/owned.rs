//! Which handles compiled code may give back before the invocation ends:
//! takes a function body with the checker's tables, gives the variables
//! that own their value, and tells which expressions make a fresh handle
//! (spec/abi.md, "Reclaiming values").
//!
//! A handle is *fresh* when the host made it for this one expression and
//! nothing else of the guest holds it: the result of a host call (a stdlib
//! member, a resource operation, `str.concat`, a collection literal, an
//! element or field read). Whoever consumes a fresh handle and keeps no
//! copy of the number may drop it (`value.drop`): a host call, which
//! copies what it keeps, or a statement that discards it.
//!
//! A variable *owns* its value when every value ever stored in it is fresh
//! and every read of it hands the handle to the host (the same reads as
//! `append.rs` asks of a string built in place): no other local, field,
//! capture or result holds the same number. Its old value is then dropped
//! when it is overwritten (`x = …`, or its declaration running again in a
//! loop) and its last one when the function returns.

use super::calls::{implementation, may_hold_closure, method_candidates};
use super::function::Repr;
use crate::check::{MemberKind, MemberRef, NameRef, Semantics, Types, VarId};
use crate::syntax::ast::{AssignOp, BinaryOp, Block, Closure, Expr, ExprKind, InterpolationPart, NodeId, Stmt, StmtKind};
use crate::syntax::index::DeclIndex;
use crate::syntax::visit::{self, Visitor};
use std::collections::{HashMap, HashSet};
use std::hash::Hash;

/// The compiled functions whose calls give fresh handles: closures bound
/// by `let` in the function being compiled and methods of the program
/// (see [`fresh_closures`] and [`fresh_methods`]).
#[derive(Clone, Copy)]
pub(super) struct FreshCalls<'c> {
    pub closures: &'c HashSet<VarId>,
    pub methods: &'c HashSet<NodeId>,
}

/// Whether `expr` gives a handle the host made for it alone, or a call of
/// one of `fresh_calls` gave back.
pub(super) fn fresh(sem: &Semantics, fresh_calls: FreshCalls<'_>, expr: &Expr) -> bool {
    let ty = sem.type_of(expr.id);
    // `maybe?.run()` of a method that returns nothing gives no value.
    let gives_nothing = sem.types.strip_optional(ty) == Types::VOID;
    if Repr::of(sem, ty) != Repr::Handle || gives_nothing || sem.coercions.get(expr.id).is_some() {
        return false;
    }
    match &expr.kind {
        // Text alone is a constant, shared by every use.
        ExprKind::Interpolated(parts) => parts.iter().any(|part| matches!(part, InterpolationPart::Expr(_))),
        ExprKind::Binary { op: BinaryOp::Add, left, .. } => sem.type_of(left.id) == Types::STR,
        ExprKind::ArrayLiteral { .. }
        | ExprKind::MapLiteral { .. }
        | ExprKind::JsonLiteral { .. }
        | ExprKind::StructLiteral { .. }
        | ExprKind::Index { .. } => true,
        ExprKind::Member { .. } => matches!(
            sem.members.get(expr.id),
            Some(MemberRef::Extern { is_property: true, .. } | MemberRef::StructField(_) | MemberRef::Field { .. })
        ),
        ExprKind::Call { callee, .. } => runs_on_host(sem, expr.id, callee) || gives_fresh(sem, fresh_calls, callee),
        _ => false,
    }
}

/// Whether the call of `callee` runs a compiled function of `fresh_calls`:
/// a closure bound by `let`, or a method every implementation of which
/// (all a dispatcher may run) is one.
fn gives_fresh(sem: &Semantics, fresh_calls: FreshCalls<'_>, callee: &Expr) -> bool {
    match sem.members.get(callee.id) {
        Some(MemberRef::Method { receiver, name }) => {
            let candidates = method_candidates(sem, *receiver, name);
            !may_hold_closure(sem, *receiver, name)
                && !candidates.is_empty()
                && candidates.iter().all(|(_, _, decl)| fresh_calls.methods.contains(decl))
        }
        Some(MemberRef::StaticMethod { class, name }) => {
            implementation(sem, *class, name).is_some_and(|(_, decl)| fresh_calls.methods.contains(&decl))
        }
        _ => matches!(sem.names.get(callee.id), Some(NameRef::Var(var)) if fresh_calls.closures.contains(var)),
    }
}

/// The methods of the program that give back only fresh handles (see
/// [`fresh_functions`]). Found once for every bundle of a compile.
pub(super) fn fresh_methods(sem: &Semantics, index: &DeclIndex<'_>) -> HashSet<NodeId> {
    let bodies: Vec<(NodeId, &Block)> = sem
        .classes
        .iter()
        .flat_map(|class| &class.members)
        .filter(|member| matches!(member.kind, MemberKind::Method(_)))
        .filter_map(|member| member.decl)
        .filter(|decl| sem.closures.get(*decl).is_some_and(|info| Repr::of(sem, info.result) == Repr::Handle))
        .filter_map(|decl| Some((decl, index.method(decl)?.body.as_ref()?)))
        .collect();
    let none = HashSet::new();
    fresh_functions(&bodies, |methods, body| returns_fresh(sem, FreshCalls { closures: &none, methods }, body))
}

/// The closures bound by `let` in `body` (nested functions included) that
/// give back only fresh handles (see [`fresh_functions`]), given the
/// `methods` that do.
pub(super) fn fresh_closures(sem: &Semantics, body: &Block, methods: &HashSet<NodeId>) -> HashSet<VarId> {
    let mut bound = BoundClosures { sem, closures: Vec::new() };
    bound.block(body);
    let bodies: Vec<(VarId, &Block)> = bound.closures.iter().map(|(var, closure)| (*var, &closure.body)).collect();
    fresh_functions(&bodies, |closures, body| returns_fresh(sem, FreshCalls { closures, methods }, body))
}

/// The functions of `bodies` whose every `return` gives a fresh handle,
/// counting calls of those already found, until no more are: a call of
/// one gives a handle its caller alone holds, as a host call does, to drop
/// once used. `returns_fresh` tells it for a body, given those found.
fn fresh_functions<K: Copy + Eq + Hash>(
    bodies: &[(K, &Block)],
    returns_fresh: impl Fn(&HashSet<K>, &Block) -> bool,
) -> HashSet<K> {
    let mut found = HashSet::new();
    loop {
        let more: Vec<K> = bodies
            .iter()
            .filter(|(key, body)| !found.contains(key) && returns_fresh(&found, body))
            .map(|(key, _)| *key)
            .collect();
        if more.is_empty() {
            return found;
        }
        found.extend(more);
    }
}

/// Whether every `return` of a function body gives a fresh handle.
fn returns_fresh(sem: &Semantics, fresh_calls: FreshCalls<'_>, body: &Block) -> bool {
    let mut returns = Returns(Vec::new());
    returns.block(body);
    !returns.0.is_empty() && returns.0.iter().all(|value| value.is_some_and(|value| fresh(sem, fresh_calls, value)))
}

/// The closures bound by `let` (never reassigned) that give a handle.
struct BoundClosures<'s, 'a> {
    sem: &'s Semantics,
    closures: Vec<(VarId, &'a Closure)>,
}

impl<'a> Visitor<'a> for BoundClosures<'_, 'a> {
    fn stmt(&mut self, stmt: &'a Stmt) {
        if let (StmtKind::Let { value, .. }, Some(var)) = (&stmt.kind, self.sem.declared.get(stmt.id))
            && let ExprKind::Closure(closure) = &value.kind
            && !self.sem.var(*var).reassignable
            && self.sem.closures.get(value.id).is_some_and(|info| Repr::of(self.sem, info.result) == Repr::Handle)
        {
            self.closures.push((*var, closure));
        }
        visit::walk_stmt(self, stmt);
    }
}

/// The values of the `return` statements of a function body, not of the
/// functions nested in it.
struct Returns<'a>(Vec<Option<&'a Expr>>);

impl<'a> Visitor<'a> for Returns<'a> {
    fn stmt(&mut self, stmt: &'a Stmt) {
        if let StmtKind::Return(value) = &stmt.kind {
            self.0.push(value.as_ref());
        }
        visit::walk_stmt(self, stmt);
    }

    fn expr(&mut self, expr: &'a Expr) {
        if !matches!(expr.kind, ExprKind::Closure(_)) {
            visit::walk_expr(self, expr);
        }
    }
}

/// Whether the call `call` of `callee` runs a stdlib member or resource
/// operation on the host (which copies every value it keeps).
pub(super) fn runs_on_host(sem: &Semantics, call: NodeId, callee: &Expr) -> bool {
    if sem.handle_calls.get(call).is_some() {
        return false;
    }
    match sem.names.get(callee.id) {
        // `unsafeCast` gives back its argument's handle.
        Some(NameRef::Extern(target)) => target.name != "unsafeCast",
        _ => matches!(sem.members.get(callee.id), Some(MemberRef::Extern { is_property: false, .. })),
    }
}

/// The variables of `body` that own their value, given those whose every
/// read hands the handle to the host (`handed_only`) and the closures
/// that give back fresh handles (`fresh_calls`). A variable never read
/// (`let parts = line.split(",")` kept for a debugger) hands its handle
/// to no one, and owns it too.
pub(super) fn owners(sem: &Semantics, body: &Block, handed_only: &HashSet<VarId>, fresh_calls: FreshCalls<'_>) -> HashSet<VarId> {
    let mut writes = Writes { sem, fresh_calls, all_fresh: HashMap::new(), read: HashSet::new() };
    writes.block(body);
    let Writes { all_fresh, read, .. } = writes;
    all_fresh
        .into_iter()
        .filter(|(var, all_fresh)| {
            let handed = handed_only.contains(var) || !(read.contains(var) || sem.var(*var).boxed);
            *all_fresh && handed && Repr::of(sem, sem.var(*var).ty) == Repr::Handle
        })
        .map(|(var, _)| var)
        .collect()
}

/// Every store into a variable: whether all of them were fresh handles;
/// and the variables read anywhere (closures included).
struct Writes<'s> {
    sem: &'s Semantics,
    fresh_calls: FreshCalls<'s>,
    all_fresh: HashMap<VarId, bool>,
    read: HashSet<VarId>,
}

impl Writes<'_> {
    fn store(&mut self, var: VarId, fresh: bool) {
        *self.all_fresh.entry(var).or_insert(true) &= fresh;
    }

    fn declared(&self, stmt: &Stmt) -> Option<VarId> {
        self.sem.declared.get(stmt.id).copied()
    }
}

impl<'a> Visitor<'a> for Writes<'_> {
    fn stmt(&mut self, stmt: &'a Stmt) {
        match &stmt.kind {
            StmtKind::Let { value, .. } | StmtKind::IfLet { value, .. } => {
                if let Some(var) = self.declared(stmt) {
                    self.store(var, fresh(self.sem, self.fresh_calls, value));
                }
            }
            // Each element is read out by a host call; a range gives
            // numbers.
            StmtKind::For { iterable, .. } => {
                if let Some(var) = self.declared(stmt) {
                    self.store(var, !matches!(iterable.kind, ExprKind::Range { .. }));
                }
            }
            StmtKind::Assign { target, op, value } => {
                if let (ExprKind::Ident(_), Some(NameRef::Var(var))) = (&target.kind, self.sem.names.get(target.id)) {
                    // `s += x` makes a new string, or grows the builder
                    // only `s` holds.
                    let grows = *op == AssignOp::Add && self.sem.type_of(target.id) == Types::STR;
                    self.store(*var, grows || fresh(self.sem, self.fresh_calls, value));
                }
            }
            // A caught error's message is a handle the host made for that
            // error alone: every `throw` goes through the host.
            StmtKind::Try { .. } => {
                if let Some(var) = self.declared(stmt) {
                    self.store(var, true);
                }
            }
            _ => {}
        }
        visit::walk_stmt(self, stmt);
    }

    fn expr(&mut self, expr: &'a Expr) {
        if let (ExprKind::Ident(_), Some(NameRef::Var(var))) = (&expr.kind, self.sem.names.get(expr.id)) {
            self.read.insert(*var);
        }
        visit::walk_expr(self, expr);
    }
}
