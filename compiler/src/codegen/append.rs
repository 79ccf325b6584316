//! Which `str` variables may be built in place: takes a function body with
//! the checker's tables, gives the variables whose handle never reaches
//! another place of the guest (spec/abi.md, "In-place string building").
//!
//! For such a variable `s`, `s = s + x` (and `s += x`) compiles to
//! `str.append`, which grows the host's string in place once `s` holds a
//! slot `str.append` made. That is sound only if no other local, field,
//! parameter, return value or result of the guest holds the same handle:
//! every read of `s` must hand it to the host, which copies what it keeps
//! (an `Rc` clone, so the in-place append copies the text first when it
//! is shared). The reads that do so are the operands of `+`, `==`, `!=`
//! and the orderings, the parts of an interpolation, the receiver of a
//! stdlib member (`s.length`, `s.contains(…)`) and the arguments of a
//! stdlib call (`arr.push(s)`, `log(s)`). Any other read (`let t = s`, a
//! call of a user function, `return s`, `s ?? t`) keeps `s` out.
//!
//! The walk is over the whole body, nested closures and classes included,
//! so it errs on the side of leaving a variable out.

use crate::check::{MemberRef, NameRef, Semantics, Types, VarId};
use crate::syntax::ast::{BinaryOp, Block, Expr, ExprKind, InterpolationPart, NodeId, Stmt, StmtKind};
use crate::syntax::visit::{self, Visitor};
use std::collections::HashSet;

/// The variables of `body` whose every read hands the handle to the host
/// (none is boxed for a closure).
pub(super) fn handed_only(sem: &Semantics, body: &Block) -> HashSet<VarId> {
    let mut walk = Reads { sem, handed: HashSet::new(), reads: Vec::new() };
    walk.block(body);
    let mut candidates: HashSet<VarId> = walk.reads.iter().map(|(var, _)| *var).collect();
    for (var, node) in &walk.reads {
        if !walk.handed.contains(node) {
            candidates.remove(var);
        }
    }
    candidates.retain(|var| !sem.var(*var).boxed);
    candidates
}

/// The `str` variables of `body` that `s = s + x` may grow in place, of
/// those whose every read hands the handle to the host.
pub(super) fn appendable(sem: &Semantics, handed_only: &HashSet<VarId>) -> HashSet<VarId> {
    handed_only.iter().copied().filter(|var| sem.var(*var).ty == Types::STR).collect()
}

/// The variable `s` when `expr` is `s + …` (left-leaning: `s + a + b`)
/// of strings, with the operands appended to it in order.
pub(super) fn append_chain<'e>(sem: &Semantics, expr: &'e Expr) -> Option<(VarId, Vec<&'e Expr>)> {
    match &expr.kind {
        ExprKind::Binary { op: BinaryOp::Add, left, right } if sem.type_of(left.id) == Types::STR => {
            let (var, mut pieces) = match &left.kind {
                ExprKind::Ident(_) => (var_of(sem, left)?, Vec::new()),
                _ => append_chain(sem, left)?,
            };
            pieces.push(right);
            Some((var, pieces))
        }
        _ => None,
    }
}

fn var_of(sem: &Semantics, expr: &Expr) -> Option<VarId> {
    match (&expr.kind, sem.names.get(expr.id)) {
        (ExprKind::Ident(_), Some(NameRef::Var(var))) => Some(*var),
        _ => None,
    }
}

/// Every read of a variable, and the reads that hand the handle to the
/// host.
struct Reads<'s> {
    sem: &'s Semantics,
    handed: HashSet<NodeId>,
    reads: Vec<(VarId, NodeId)>,
}

impl Reads<'_> {
    fn hand(&mut self, expr: &Expr) {
        if matches!(expr.kind, ExprKind::Ident(_)) {
            self.handed.insert(expr.id);
        }
    }
}

impl<'a> Visitor<'a> for Reads<'_> {
    fn stmt(&mut self, stmt: &'a Stmt) {
        // The target of `s = …` is written, not read (`s = s + x` reads
        // `s` as an operand of `+`).
        if let StmtKind::Assign { target, value, .. } = &stmt.kind
            && var_of(self.sem, target).is_some()
        {
            self.expr(value);
            return;
        }
        visit::walk_stmt(self, stmt);
    }

    fn expr(&mut self, expr: &'a Expr) {
        match &expr.kind {
            ExprKind::Ident(_) => {
                if let Some(var) = var_of(self.sem, expr) {
                    self.reads.push((var, expr.id));
                }
            }
            ExprKind::Binary {
                op:
                    BinaryOp::Add
                    | BinaryOp::Eq
                    | BinaryOp::NotEq
                    | BinaryOp::Less
                    | BinaryOp::LessEq
                    | BinaryOp::Greater
                    | BinaryOp::GreaterEq,
                left,
                right,
            } => {
                self.hand(left);
                self.hand(right);
            }
            ExprKind::Interpolated(parts) => {
                for part in parts {
                    if let InterpolationPart::Expr(e) = part {
                        self.hand(e);
                    }
                }
            }
            // `a[i]` is read by the host (`a[i] = v` too).
            ExprKind::Index { object, index } => {
                self.hand(object);
                self.hand(index);
            }
            ExprKind::Member { object, .. } if matches!(self.sem.members.get(expr.id), Some(MemberRef::Extern { .. })) => {
                self.hand(object);
            }
            ExprKind::Call { callee, args } if super::owned::runs_on_host(self.sem, expr.id, callee) => {
                for arg in args {
                    self.hand(&arg.value);
                }
            }
            _ => {}
        }
        visit::walk_expr(self, expr);
    }
}
