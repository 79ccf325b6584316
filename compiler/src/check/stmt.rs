//! Statements: takes statement lists, declares what they bind, checks
//! conditions, loops, assignments and returns, and opens function contexts
//! for `test` blocks.

use super::Checker;
use super::model::ClosureInfo;
use super::scope::Binding;
use super::types::{FunctionType, Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{AssignOp, Block, BringTarget, ExprKind, Phase, Span, Stmt, StmtKind};

/// Stdlib modules a user can `bring`.
const BRINGABLE: [&str; 5] = ["cloud", "util", "expect", "http", "ex"];
/// Modules of LANGUAGE.md not built yet: `bring` reports so instead of
/// "unknown module".
const NOT_YET: [&str; 1] = ["math"];

impl Checker {
    pub(super) fn check_block_stmts(&mut self, stmts: &[Stmt]) {
        let mut seen_other = false;
        for stmt in stmts {
            if matches!(stmt.kind, StmtKind::Bring { .. }) {
                if seen_other {
                    self.report(
                        Diagnostic::error("E0104", "`bring` must come before every other statement", stmt.span)
                            .with_help("move this `bring` to the top of the file"),
                    );
                }
            } else {
                seen_other = true;
            }
            self.check_stmt(stmt);
        }
    }

    pub(super) fn check_block(&mut self, block: &Block) {
        self.push_scope();
        self.check_block_stmts(&block.stmts);
        self.pop_scope();
    }

    fn check_stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Bring { target, alias } => self.check_bring(target, alias.as_ref(), stmt.span),
            StmtKind::Let { reassignable, name, ty, value } => {
                let declared = ty.as_ref().map(|t| self.resolve_user_type(t));
                let value_ty = self.check_expr_expecting(value, declared);
                let ty = declared.unwrap_or(value_ty);
                if ty == Types::VOID {
                    self.report(
                        Diagnostic::error("E0203", format!("`{}` would hold no value", name.name), value.span)
                            .with_label("this expression has type `void`"),
                    );
                }
                let var = self.declare_var(name, ty, *reassignable);
                self.sem.declared.insert(stmt.id, var);
            }
            StmtKind::Assign { target, op, value } => self.check_assign(target, *op, value),
            StmtKind::Expr(expr) => {
                self.check_expr(expr);
            }
            StmtKind::If { cond, then, otherwise } => {
                self.check_condition(cond);
                self.check_block(then);
                if let Some(otherwise) = otherwise {
                    self.check_block(otherwise);
                }
            }
            StmtKind::IfLet { reassignable, name, value, then, otherwise } => {
                let ty = self.check_expr(value);
                if !self.sem.types.is_optional(ty) && ty != Types::ERROR {
                    self.report(
                        Diagnostic::error(
                            "E0204",
                            format!("`if let` needs an optional value, found `{}`", self.sem.types.display(ty)),
                            value.span,
                        )
                        .with_help("use a plain `if` or `let` for a value that is never nil"),
                    );
                }
                let inner = self.sem.types.strip_optional(ty);
                self.push_scope();
                let var = self.declare_var(name, inner, *reassignable);
                self.sem.declared.insert(stmt.id, var);
                self.check_block(then);
                self.pop_scope();
                if let Some(otherwise) = otherwise {
                    self.check_block(otherwise);
                }
            }
            StmtKind::For { var, iterable, body } => {
                let item = self.check_iterable(iterable);
                self.push_scope();
                let id = self.declare_var(var, item, false);
                self.sem.declared.insert(stmt.id, id);
                self.loop_body(body);
                self.pop_scope();
            }
            StmtKind::While { cond, body } => {
                self.check_condition(cond);
                self.loop_body(body);
            }
            StmtKind::Break | StmtKind::Continue => {
                if self.loop_depth == 0 {
                    let word = if matches!(stmt.kind, StmtKind::Break) { "break" } else { "continue" };
                    self.report(Diagnostic::error("E0105", format!("`{word}` outside of a loop"), stmt.span));
                }
            }
            StmtKind::Return(value) => self.check_return(value.as_ref(), stmt.span),
            StmtKind::Throw(value) => {
                self.check_expr_expecting(value, Some(Types::STR));
            }
            StmtKind::Try { body, catch, finally } => {
                self.not_yet("`try`/`catch`", stmt.span);
                self.check_block(body);
                if let Some(catch) = catch {
                    self.check_block(&catch.body);
                }
                if let Some(finally) = finally {
                    self.check_block(finally);
                }
            }
            StmtKind::Block(block) => self.check_block(block),
            StmtKind::Test { body, .. } => self.check_test(stmt, body),
            StmtKind::Class(decl) => self.not_yet("classes", decl.name.span),
            StmtKind::Interface(decl) => self.not_yet("interfaces", decl.name.span),
            StmtKind::Struct(decl) => self.not_yet("struct declarations", decl.name.span),
            StmtKind::Enum(decl) => self.not_yet("enums", decl.name.span),
            StmtKind::ExternFunction(sig) => self.report(
                Diagnostic::error("E0106", "`extern` declarations are only allowed in the standard library", sig.span)
                    .with_help("give the function a body: `let f = (…) => { … };`"),
            ),
            StmtKind::Error => {}
        }
    }

    pub(super) fn not_yet(&mut self, what: &str, span: Span) {
        self.report(
            Diagnostic::error("E0900", format!("{what} are not supported by this version of wingc yet"), span)
                .with_label("not supported yet"),
        );
    }

    fn check_bring(&mut self, target: &BringTarget, alias: Option<&crate::syntax::ast::Ident>, span: Span) {
        if !self.functions.is_empty() || self.scopes.len() > 1 {
            self.report(Diagnostic::error("E0104", "`bring` is only allowed at the top of a file", span));
            return;
        }
        match target {
            BringTarget::Module(name) if BRINGABLE.contains(&name.name.as_str()) => {
                let bound = alias.unwrap_or(name);
                self.bind(&bound.name, Binding::Namespace(name.name.clone()));
            }
            BringTarget::Module(name) if NOT_YET.contains(&name.name.as_str()) => {
                self.report(
                    Diagnostic::error(
                        "E0900",
                        format!("the `{}` module is not supported by this version of wingc yet", name.name),
                        name.span,
                    )
                    .with_label("not supported yet"),
                );
            }
            BringTarget::Module(name) => {
                let mut diagnostic = Diagnostic::error("E0107", format!("unknown module `{}`", name.name), name.span)
                    .with_label("no standard module has this name")
                    .with_note(format!("the modules are: {}", BRINGABLE.join(", ")));
                if let Some(best) = super::scope::closest_name(&name.name, BRINGABLE) {
                    diagnostic = diagnostic.with_help(format!("did you mean `bring {best};`?"));
                }
                self.report(diagnostic);
            }
            BringTarget::File { span, .. } => self.not_yet("`bring` of other files", *span),
        }
    }

    fn check_condition(&mut self, cond: &crate::syntax::ast::Expr) {
        self.check_expr_expecting(cond, Some(Types::BOOL));
    }

    fn loop_body(&mut self, body: &Block) {
        self.loop_depth += 1;
        self.check_block(body);
        self.loop_depth -= 1;
    }

    fn check_iterable(&mut self, iterable: &crate::syntax::ast::Expr) -> TypeId {
        if let ExprKind::Range { start, end, .. } = &iterable.kind {
            self.check_expr_expecting(start, Some(Types::NUM));
            self.check_expr_expecting(end, Some(Types::NUM));
            self.sem.expr_types.insert(iterable.id, Types::NUM);
            return Types::NUM;
        }
        let ty = self.check_expr(iterable);
        match self.sem.types.get(ty) {
            Type::Array(item) | Type::MutArray(item) => *item,
            Type::Error => Types::ERROR,
            _ => {
                let shown = self.sem.types.display(ty);
                self.report(
                    Diagnostic::error("E0205", format!("cannot iterate over a value of type `{shown}`"), iterable.span)
                        .with_label("not an array or a range")
                        .with_help("iterate over an array, or a range like `0..10`"),
                );
                Types::ERROR
            }
        }
    }

    fn check_assign(&mut self, target: &crate::syntax::ast::Expr, op: AssignOp, value: &crate::syntax::ast::Expr) {
        let target_ty = match &target.kind {
            ExprKind::Ident(ident) => {
                let ty = self.resolve_name(ident, target.id, None);
                self.sem.expr_types.insert(target.id, ty);
                if let Some(super::model::NameRef::Var(var)) = self.sem.names.get(target.id).cloned() {
                    let info = self.sem.var(var).clone();
                    if !info.reassignable {
                        self.report(
                            Diagnostic::error("E0103", format!("cannot assign twice to `{}`", info.name), target.span)
                                .with_label("assigned here")
                                .with_secondary(info.span, "declared with `let`, so it cannot change")
                                .with_help(format!("declare it with `let var {}` to make it reassignable", info.name)),
                        );
                    } else if info.phase == Phase::Preflight && self.phase() == Phase::Inflight {
                        // The use was already reported as an illegal lift.
                    }
                }
                ty
            }
            ExprKind::Error => Types::ERROR,
            _ => {
                self.check_expr(target);
                self.not_yet("assignments to fields and elements", target.span);
                Types::ERROR
            }
        };
        match op {
            AssignOp::Set => {
                self.check_expr_expecting(value, Some(target_ty));
            }
            AssignOp::Add | AssignOp::Sub => {
                let allowed = if op == AssignOp::Add && target_ty == Types::STR { Types::STR } else { Types::NUM };
                if !self.sem.types.is_assignable(target_ty, allowed) {
                    let shown = self.sem.types.display(target_ty);
                    self.report(Diagnostic::error(
                        "E0206",
                        format!(
                            "`{}=` needs a `num` variable, this one is `{shown}`",
                            if op == AssignOp::Add { "+" } else { "-" }
                        ),
                        target.span,
                    ));
                }
                self.check_expr_expecting(value, Some(allowed));
            }
        }
    }

    fn check_return(&mut self, value: Option<&crate::syntax::ast::Expr>, span: Span) {
        let Some(function) = self.functions.last() else {
            self.report(Diagnostic::error("E0108", "`return` outside of a function", span));
            if let Some(value) = value {
                self.check_expr(value);
            }
            return;
        };
        let expected = function.declared_result.or(function.inferred_result);
        let ty = match value {
            Some(value) => self.check_expr_expecting(value, expected),
            None => {
                if let Some(expected) = expected.filter(|t| *t != Types::VOID && !self.sem.types.is_optional(*t)) {
                    let shown = self.sem.types.display(expected);
                    self.report(
                        Diagnostic::error("E0207", format!("this function must return a `{shown}`"), span)
                            .with_label("returns nothing"),
                    );
                }
                Types::VOID
            }
        };
        let function = self.functions.last_mut().expect("checked above");
        if function.declared_result.is_none() && function.inferred_result.is_none() {
            function.inferred_result = Some(ty);
        }
    }

    fn check_test(&mut self, stmt: &Stmt, body: &Block) {
        if !self.functions.is_empty() {
            self.report(Diagnostic::error("E0109", "`test` blocks are only allowed at the top level", stmt.span));
        }
        self.push_function(Phase::Inflight, Some(Types::VOID));
        let saved_loops = std::mem::take(&mut self.loop_depth);
        self.check_block_stmts(&body.stmts);
        self.loop_depth = saved_loops;
        let context = self.pop_function();
        let ty = self.sem.types.intern(Type::Function(FunctionType {
            phase: Phase::Inflight,
            params: Vec::new(),
            result: Types::VOID,
        }));
        self.sem.closures.insert(
            stmt.id,
            ClosureInfo {
                phase: Phase::Inflight,
                params: Vec::new(),
                result: Types::VOID,
                ty,
                captures: context.captures,
                lifts: context.lifts,
            },
        );
    }
}
