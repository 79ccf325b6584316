//! Control flow facts about statement lists: takes statements, gives
//! whether every path through them leaves by `return` or `throw` (for
//! missing-return errors) and whether they assign a field of `this` (for
//! uninitialized fields).

use crate::syntax::ast::{Expr, ExprKind, Stmt, StmtKind};
use std::collections::HashSet;

/// Whether running `stmts` can never reach their end: every path returns,
/// throws, or loops forever.
pub(super) fn always_exits(stmts: &[Stmt]) -> bool {
    stmts.iter().any(exits)
}

fn exits(stmt: &Stmt) -> bool {
    match &stmt.kind {
        StmtKind::Return(_) | StmtKind::Throw(_) => true,
        StmtKind::Block(block) | StmtKind::Lift { body: block, .. } => always_exits(&block.stmts),
        StmtKind::If { then, otherwise: Some(otherwise), .. } | StmtKind::IfLet { then, otherwise: Some(otherwise), .. } => {
            always_exits(&then.stmts) && always_exits(&otherwise.stmts)
        }
        StmtKind::Try { body, catch, finally } => {
            finally.as_ref().is_some_and(|f| always_exits(&f.stmts))
                || (always_exits(&body.stmts) && catch.as_ref().is_none_or(|c| always_exits(&c.body.stmts)))
        }
        StmtKind::While { cond, body } => is_true(cond) && !breaks(&body.stmts),
        _ => false,
    }
}

fn is_true(expr: &Expr) -> bool {
    matches!(expr.kind, ExprKind::Bool(true))
}

/// Whether a `break` in `stmts` leaves the loop they are the body of.
fn breaks(stmts: &[Stmt]) -> bool {
    stmts.iter().any(|stmt| match &stmt.kind {
        StmtKind::Break => true,
        StmtKind::Block(block) | StmtKind::Lift { body: block, .. } => breaks(&block.stmts),
        StmtKind::If { then, otherwise, .. } | StmtKind::IfLet { then, otherwise, .. } => {
            breaks(&then.stmts) || otherwise.as_ref().is_some_and(|o| breaks(&o.stmts))
        }
        StmtKind::Try { body, catch, finally } => {
            breaks(&body.stmts)
                || catch.as_ref().is_some_and(|c| breaks(&c.body.stmts))
                || finally.as_ref().is_some_and(|f| breaks(&f.stmts))
        }
        _ => false,
    })
}

/// The fields `stmts` assign as `this.<field>` somewhere (outside nested
/// functions), added to `out`.
pub(super) fn assigned_fields<'a>(stmts: &'a [Stmt], out: &mut HashSet<&'a str>) {
    for stmt in stmts {
        match &stmt.kind {
            StmtKind::Assign { target, .. } => out.extend(this_field(target)),
            StmtKind::Block(block)
            | StmtKind::Lift { body: block, .. }
            | StmtKind::For { body: block, .. }
            | StmtKind::While { body: block, .. } => assigned_fields(&block.stmts, out),
            StmtKind::If { then, otherwise, .. } | StmtKind::IfLet { then, otherwise, .. } => {
                assigned_fields(&then.stmts, out);
                if let Some(otherwise) = otherwise {
                    assigned_fields(&otherwise.stmts, out);
                }
            }
            StmtKind::Try { body, catch, finally } => {
                assigned_fields(&body.stmts, out);
                if let Some(catch) = catch {
                    assigned_fields(&catch.body.stmts, out);
                }
                if let Some(finally) = finally {
                    assigned_fields(&finally.stmts, out);
                }
            }
            _ => {}
        }
    }
}

/// `field` of a `this.field` target.
fn this_field(target: &Expr) -> Option<&str> {
    match &target.kind {
        ExprKind::Member { object, name, .. } if matches!(&object.kind, ExprKind::Ident(i) if i.name == "this") => {
            Some(&name.name)
        }
        _ => None,
    }
}
