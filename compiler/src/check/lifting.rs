//! Lifting: takes the uses inflight code makes of preflight values, gives
//! for every lift root (an inflight closure created preflight, a `test`,
//! an inflight method of a preflight class) a [`Lift`] per preflight
//! variable with its [`Usage`]: which inflight methods are called on it and
//! which of its fields are read, down to the resources at the leaves.
//!
//! The usage is recorded along *paths*: `this.store.bucket.put(k)` records
//! the operation `put` at `this` → `store` → `bucket`. A value that is used
//! as a whole (passed along, iterated, returned) is marked `whole`: then it
//! needs everything it holds, but a resource handle itself grants only
//! the operations called on it. The compiler's `codegen::lift` expands
//! usages through the methods of the concrete classes of the lifted
//! values; the result is each bundle's grant, in the simulator and in IAM.
//!
//! Paths start at a lifted preflight variable, at the `this` of an
//! inflight method of a preflight class, or at a parameter of an inflight
//! method or of an inflight closure bound to a `let`: those functions keep
//! the usage of their parameters, and a call that passes a path to one of
//! them is a [`Flow`], resolved once every body is checked
//! ([`Checker::resolve_flows`]): the callee's use of its parameter becomes
//! the use of the path. An inflight `let` bound to a path is an alias of
//! it. An operation on a resource the compiler cannot trace to a path is
//! an error (E0307), unless a `lift { r: [op] } { … }` block says which
//! resources and operations the code may reach.

use super::Checker;
use super::model::{ArgSlot, CallInfo, MemberRef, MethodReceiver, NameRef, VarId};
use super::symbols::ClassKind;
use super::types::{ClassId, TypeId};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Arg, Expr, ExprKind, NodeId, Phase, Span};
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// How inflight code uses a preflight value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// Inflight methods called on it (resource operations, user methods).
    pub ops: BTreeSet<String>,
    /// Fields read from it, each with its own usage.
    pub fields: BTreeMap<String, Usage>,
    /// The value is used as a whole: everything in it is needed.
    pub whole: bool,
}

impl Usage {
    /// Adds everything `other` needs.
    pub fn merge(&mut self, other: &Usage) {
        self.ops.extend(other.ops.iter().cloned());
        self.whole |= other.whole;
        for (name, usage) in &other.fields {
            self.fields.entry(name.clone()).or_default().merge(usage);
        }
    }

    /// The usage at a field path below this one, created if needed.
    pub fn at(&mut self, path: &[String]) -> &mut Usage {
        path.iter().fold(self, |usage, field| usage.fields.entry(field.clone()).or_default())
    }

    /// Whether anything is called or read through this value.
    pub fn is_used(&self) -> bool {
        !self.ops.is_empty() || self.fields.values().any(Usage::is_used)
    }

    /// `other`, cut to `depth` levels of fields (deeper uses make the
    /// field at the cut needed whole).
    fn bounded(&self, depth: usize) -> Usage {
        let mut cut = Usage { ops: self.ops.clone(), fields: BTreeMap::new(), whole: self.whole };
        for (name, usage) in &self.fields {
            if depth == 0 {
                cut.whole = true;
            } else {
                cut.fields.insert(name.clone(), usage.bounded(depth - 1));
            }
        }
        cut
    }
}

/// Where a function is used as a value, and where a path-less resource is
/// passed to a known function: checked once every function's usage of its
/// parameters is known.
#[derive(Debug, Default)]
pub(super) struct PendingFlowChecks {
    /// A function (by declaration) used other than by calling it.
    pub escapes: Vec<(NodeId, Span)>,
    /// A value with no path passed to a parameter of a known function.
    pub untraced: Vec<(NodeId, usize, Span)>,
}

/// A preflight variable a lift root uses, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lift {
    pub var: VarId,
    pub usage: Usage,
}

/// What an expression does with the value at a path.
#[derive(Debug, Clone)]
pub(super) enum PathUse {
    /// Calls this inflight method on it.
    Call(String),
    /// Uses the value itself.
    Whole,
}

/// A chain of field reads from a variable: `this.store.bucket` is `this`
/// with the fields `store`, `bucket`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Path {
    pub var: VarId,
    pub fields: Vec<String>,
}

/// A path passed to a parameter of a function the checker can name (a
/// method, a closure bound to a `let`): the callee's usage of `param`
/// is the path's usage too.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Flow {
    pub path: Path,
    /// The callee's declaration (closure expression or method).
    pub callee: NodeId,
    pub param: usize,
}

/// How deep a flow may extend a path: a function that passes its
/// parameter's field to itself would otherwise grow paths forever.
const MAX_PATH: usize = 16;

impl Checker {
    /// Records that the current function uses the value at `path` (rooted
    /// at a variable lifted into the lift root at `root`).
    pub(super) fn record_lift(&mut self, root: usize, path: &Path, how: PathUse) {
        let lifts = &mut self.functions[root].lifts;
        let index = match lifts.iter().position(|l| l.var == path.var) {
            Some(i) => i,
            None => {
                lifts.push(Lift { var: path.var, usage: Usage::default() });
                lifts.len() - 1
            }
        };
        let usage = lifts[index].usage.at(&path.fields);
        match how {
            PathUse::Call(op) => {
                usage.ops.insert(op);
            }
            PathUse::Whole => usage.whole = true,
        }
    }

    /// Records that the value at `path` (of type `ty`) is used as a whole.
    /// A resource handle grants only the methods called on it, so a
    /// resource used whole records nothing: whatever is later called on it
    /// is either traced to a path or reported (E0307).
    pub(super) fn record_whole_use(&mut self, root: usize, path: &Path, ty: TypeId) {
        let is_resource = self.class_of(ty).is_some_and(|c| self.sem.class(c).kind == ClassKind::Resource);
        if !is_resource {
            self.record_lift(root, path, PathUse::Whole);
        }
    }

    /// Makes the resource and object parameters of an inflight function
    /// local roots: their usage is kept for the calls that pass paths.
    pub(super) fn track_params(&mut self, phase: Phase, params: &[VarId]) {
        if phase != Phase::Inflight {
            return;
        }
        for param in params {
            if self.is_liftable_object(self.sem.var(*param).ty) {
                self.local_roots.insert(*param);
            }
        }
    }

    /// Whether values of this type are preflight objects inflight code
    /// reaches through capabilities: resources and instances of preflight
    /// classes.
    pub(super) fn is_liftable_object(&self, ty: TypeId) -> bool {
        self.class_of(ty).is_some_and(|c| self.sem.class(c).is_resource())
    }

    /// E0307: a method of a resource called on a value no path leads to.
    pub(super) fn report_untraced_resource(&mut self, class: ClassId, op: &str, span: Span) {
        if self.lift_blocks > 0 || self.phase() != Phase::Inflight {
            return;
        }
        let shown = self.sem.class(class).qualified.clone();
        self.report(
            Diagnostic::error("E0307", format!("wingc cannot tell which `{shown}` this is"), span)
                .with_label(format!("`{op}` is called on a value that does not come from a preflight name"))
                .with_note("each function may only call the methods it is granted on the resources it names")
                .with_help(format!(
                    "use the resource by its name, or wrap this code in `lift {{ resource: [{op}] }} {{ … }}` naming the resources it may reach"
                )),
        );
    }

    /// The path an already checked expression stands for: a name with a
    /// path, or a field read from one.
    pub(super) fn tracked_path(&self, expr: &Expr) -> Option<(usize, Path)> {
        match &expr.kind {
            ExprKind::Ident(_) => match self.sem.names.get(expr.id)? {
                NameRef::Var(var) => self.var_path(*var),
                _ => None,
            },
            ExprKind::Member { object, name, .. } => match self.sem.members.get(expr.id)? {
                MemberRef::Field { .. } | MemberRef::StructField(_) => {
                    let (root, mut path) = self.tracked_path(object)?;
                    path.fields.push(name.name.clone());
                    Some((root, path))
                }
                _ => None,
            },
            _ => None,
        }
    }

    /// The path a variable's uses are recorded along, seen from the
    /// current function (what `use_var` gives, without recording).
    fn var_path(&self, var: VarId) -> Option<(usize, Path)> {
        if let Some(aliased) = self.aliases.get(&var) {
            return Some(aliased.clone());
        }
        let declared = self.var_depth[var.0 as usize];
        let root = if self.local_roots.contains(&var) {
            declared - 1
        } else if self.sem.var(var).phase == Phase::Preflight {
            declared + self.functions.get(declared..)?.iter().position(|f| f.phase == Phase::Inflight)?
        } else {
            return None;
        };
        Some((root, Path { var, fields: Vec::new() }))
    }

    /// The declarations a call's callee may run, when the checker can name
    /// them: a closure bound to a `let`, a method (and its overrides), a
    /// static method; none for a stdlib function (the host uses no
    /// capability on its arguments). `None`: any function could be called.
    pub(super) fn known_callees(&self, callee: &Expr) -> Option<Vec<NodeId>> {
        match &callee.kind {
            ExprKind::Ident(_) => match self.sem.names.get(callee.id)? {
                NameRef::Var(var) => self.closure_vars.get(var).map(|decl| vec![*decl]),
                NameRef::Extern(_) => Some(Vec::new()),
                _ => None,
            },
            ExprKind::Member { .. } => match self.sem.members.get(callee.id)? {
                MemberRef::Extern { .. } => Some(Vec::new()),
                MemberRef::Method { receiver: MethodReceiver::Interface(_), .. } => None,
                _ => Some(self.method_decls(callee)),
            },
            _ => None,
        }
    }

    /// The declarations a method member may run: the one its static class
    /// finds and every override below that class.
    pub(super) fn method_decls(&self, member: &Expr) -> Vec<NodeId> {
        let (class, name, exact) = match self.sem.members.get(member.id) {
            Some(MemberRef::Method { receiver: MethodReceiver::Class(c), name }) => (*c, name, false),
            Some(MemberRef::Method { receiver: MethodReceiver::Super(c), name }) => (*c, name, true),
            Some(MemberRef::StaticMethod { class, name }) => (*class, name, true),
            _ => return Vec::new(),
        };
        let mut decls: Vec<NodeId> = self.sem.find_member(class, name).and_then(|(_, m)| m.decl).into_iter().collect();
        if !exact {
            for (index, info) in self.sem.classes.iter().enumerate() {
                let id = ClassId(index as u32);
                if id != class && self.sem.ancestry(id).any(|c| c == class) {
                    decls.extend(info.own_member(name).and_then(|m| m.decl));
                }
            }
        }
        decls
    }

    /// Records, for the arguments of a checked call, the paths that flow
    /// into known functions; reports a resource handed to a function that
    /// cannot be known (E0307).
    pub(super) fn record_argument_flows(&mut self, callee: &Expr, args: &[Arg], call: &CallInfo) {
        if self.phase() != Phase::Inflight {
            return;
        }
        let callees = self.known_callees(callee);
        for (param, slot) in call.slots.iter().enumerate() {
            let ArgSlot::Positional(index) = slot else { continue };
            let Some(arg) = args.get(*index).map(|a| &a.value) else { continue };
            let ty = self.sem.type_of(arg.id);
            if !self.is_liftable_object(ty) {
                continue;
            }
            match (&callees, self.tracked_path(arg)) {
                (Some(decls), Some((root, path))) => {
                    for decl in decls {
                        self.record_flow(root, path.clone(), *decl, param);
                    }
                }
                (Some(decls), None) if self.lift_blocks == 0 => {
                    self.pending_flows.untraced.extend(decls.iter().map(|decl| (*decl, param, arg.span)));
                }
                (None, _) if self.lift_blocks == 0 => {
                    if let Some(class) = self.class_of(ty).filter(|c| self.sem.class(*c).kind == ClassKind::Resource) {
                        let shown = self.sem.class(class).qualified.clone();
                        self.report(
                            Diagnostic::error(
                                "E0307",
                                format!("wingc cannot tell what this function does with the `{shown}`"),
                                arg.span,
                            )
                            .with_label("passed to a function value that could be any function")
                            .with_help(
                                "call a named function or method, or wrap this code in `lift { resource: [method, …] } { … }`",
                            ),
                        );
                    }
                }
                _ => {}
            }
        }
    }

    /// Records that the value at `path` is passed to parameter `param` of
    /// the function declared at `callee`.
    pub(super) fn record_flow(&mut self, root: usize, path: Path, callee: NodeId, param: usize) {
        self.functions[root].flows.push(Flow { path, callee, param });
    }

    /// A function's usage of its parameter `param`, as far as known.
    fn param_usage(&self, callee: NodeId, param: usize) -> Option<&Usage> {
        let info = self.sem.closures.get(callee)?;
        let var = *info.params.get(param)?;
        info.lifts.iter().find(|l| l.var == var).map(|l| &l.usage)
    }

    /// Once every body is checked: adds to each path passed to a known
    /// function what that function does with the parameter, then reports
    /// the uses the usages show cannot be granted. Callees pass their
    /// parameters on, so this is a worklist: a flow is looked at again only
    /// when its callee's usages grew (linear in the flows for a chain of
    /// calls, where repeated sweeps would be quadratic).
    pub(super) fn resolve_flows(&mut self) {
        let flows: Vec<(NodeId, Flow)> = self
            .flow_owners
            .iter()
            .flat_map(|owner| {
                let owned = self.sem.closures.get(*owner).map(|c| c.flows.clone()).unwrap_or_default();
                owned.into_iter().map(move |flow| (*owner, flow))
            })
            .collect();
        let mut into: HashMap<NodeId, Vec<usize>> = HashMap::new();
        for (index, (_, flow)) in flows.iter().enumerate() {
            into.entry(flow.callee).or_default().push(index);
        }
        let mut pending: Vec<usize> = (0..flows.len()).rev().collect();
        let mut queued = vec![true; flows.len()];
        while let Some(index) = pending.pop() {
            queued[index] = false;
            let (owner, flow) = &flows[index];
            if self.merge_flow(*owner, flow) {
                for &next in into.get(owner).into_iter().flatten() {
                    if !std::mem::replace(&mut queued[next], true) {
                        pending.push(next);
                    }
                }
            }
        }
        self.report_untraceable_flows();
    }

    /// Adds to `owner`'s usage of the flow's path what the callee does with
    /// its parameter; whether that usage grew.
    fn merge_flow(&mut self, owner: NodeId, flow: &Flow) -> bool {
        let Some(usage) =
            self.param_usage(flow.callee, flow.param).map(|u| u.bounded(MAX_PATH.saturating_sub(flow.path.fields.len())))
        else {
            return false;
        };
        let Some(info) = self.sem.closures.get_mut(owner) else { return false };
        let index = match info.lifts.iter().position(|l| l.var == flow.path.var) {
            Some(i) => i,
            None => {
                info.lifts.push(Lift { var: flow.path.var, usage: Usage::default() });
                info.lifts.len() - 1
            }
        };
        let target = info.lifts[index].usage.at(&flow.path.fields);
        let before = target.clone();
        target.merge(&usage);
        *target != before
    }

    fn report_untraceable_flows(&mut self) {
        let pending = std::mem::take(&mut self.pending_flows);
        for (function, span) in pending.escapes {
            let params = self.sem.closures.get(function).map(|info| info.params.len()).unwrap_or(0);
            let used = (0..params).find(|param| self.param_reaches_resources(function, *param));
            if let Some(param) = used {
                let first =
                    self.sem.closures.get(function).map(|info| self.sem.var(info.params[param]).name.clone()).unwrap_or_default();
                self.report(
                    Diagnostic::error("E0308", "this function is used as a value, so its callers cannot be traced", span)
                        .with_label(format!("wingc cannot tell which resources its parameter `{first}` is given"))
                        .with_help(
                            "call it directly, or wrap the code that reaches it in `lift { resource: [method, …] } { … }`",
                        ),
                );
            }
        }
        for (callee, param, span) in pending.untraced {
            if self.param_reaches_resources(callee, param) {
                self.report(
                    Diagnostic::error("E0307", "wingc cannot tell which resource this value is", span)
                        .with_label("the function it is passed to calls methods on it")
                        .with_help("pass a resource by its name, or wrap this code in `lift { resource: [method, …] } { … }`"),
                );
            }
        }
    }

    /// Whether a function calls resource methods through its parameter
    /// `param`, directly or through fields of objects (methods of objects
    /// are granted through the object's class wherever it goes).
    fn param_reaches_resources(&self, callee: NodeId, param: usize) -> bool {
        let Some(info) = self.sem.closures.get(callee) else { return false };
        let Some(var) = info.params.get(param) else { return false };
        let ty = self.sem.var(*var).ty;
        self.param_usage(callee, param).is_some_and(|usage| self.reaches_resources(ty, usage, MAX_PATH))
    }

    fn reaches_resources(&self, ty: super::types::TypeId, usage: &Usage, depth: usize) -> bool {
        use super::symbols::{ClassKind, MemberKind};
        let Some(class) = self.class_of(ty) else { return false };
        if self.sem.class(class).kind == ClassKind::Resource {
            return !usage.ops.is_empty();
        }
        depth > 0
            && usage.fields.iter().any(|(name, field)| match self.sem.find_member(class, name) {
                Some((_, member)) => match &member.kind {
                    MemberKind::Field { ty, .. } => self.reaches_resources(*ty, field, depth - 1),
                    _ => false,
                },
                None => false,
            })
    }

    /// Records an operation on a value of class `class` that does not come
    /// from a lifted path: granted to every such value the lift root lifts.
    pub(super) fn record_untracked(&mut self, class: ClassId, fields: &[String], how: PathUse) {
        let Some(root) = self.lift_root() else { return };
        let usage = self.functions[root].untracked.entry(class).or_default().at(fields);
        match how {
            PathUse::Call(op) => {
                usage.ops.insert(op);
            }
            PathUse::Whole => usage.whole = true,
        }
    }

    /// The innermost function that is a lift root: an inflight function
    /// whose enclosing code is preflight.
    pub(super) fn lift_root(&self) -> Option<usize> {
        let phase = |i: usize| self.functions.get(i).map(|f| f.phase);
        (0..self.functions.len()).rev().find(|&i| {
            phase(i) == Some(crate::syntax::ast::Phase::Inflight)
                && (i == 0 || phase(i - 1) != Some(crate::syntax::ast::Phase::Inflight))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usages_merge_along_paths() {
        let mut a = Usage::default();
        a.at(&["store".into(), "bucket".into()]).ops.insert("put".into());
        let mut b = Usage::default();
        b.at(&["store".into(), "bucket".into()]).ops.insert("get".into());
        b.at(&["prefix".into()]).whole = true;
        a.merge(&b);
        let bucket = &a.fields["store"].fields["bucket"];
        assert_eq!(bucket.ops.iter().map(String::as_str).collect::<Vec<_>>(), ["get", "put"]);
        assert!(a.fields["prefix"].whole);
    }
}
