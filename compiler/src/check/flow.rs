//! Control flow facts about statement lists: takes statements, gives
//! whether every path through them leaves by `return` or `throw` (for
//! missing-return errors) and whether they assign a field of `this` (for
//! uninitialized fields).

use crate::syntax::ast::{Block, Expr, ExprKind, Stmt, StmtKind};

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

/// Whether `stmts` assign `this.<field>` somewhere (outside nested
/// functions).
pub(super) fn assigns_field(stmts: &[Stmt], field: &str) -> bool {
    stmts.iter().any(|stmt| match &stmt.kind {
        StmtKind::Assign { target, .. } => is_this_field(target, field),
        StmtKind::Block(block) | StmtKind::Lift { body: block, .. } => assigns_field(&block.stmts, field),
        StmtKind::If { then, otherwise, .. } | StmtKind::IfLet { then, otherwise, .. } => {
            assigns_field(&then.stmts, field) || otherwise.as_ref().is_some_and(|o| in_block(o, field))
        }
        StmtKind::For { body, .. } | StmtKind::While { body, .. } => in_block(body, field),
        StmtKind::Try { body, catch, finally } => {
            in_block(body, field)
                || catch.as_ref().is_some_and(|c| in_block(&c.body, field))
                || finally.as_ref().is_some_and(|f| in_block(f, field))
        }
        _ => false,
    })
}

fn in_block(block: &Block, field: &str) -> bool {
    assigns_field(&block.stmts, field)
}

fn is_this_field(target: &Expr, field: &str) -> bool {
    match &target.kind {
        ExprKind::Member { object, name, .. } => {
            name.name == field && matches!(&object.kind, ExprKind::Ident(i) if i.name == "this")
        }
        _ => false,
    }
}
