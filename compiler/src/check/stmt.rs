//! Statements: takes statement lists, declares what they bind, checks
//! conditions, loops, assignments, returns and `try`, checks `lift`
//! blocks, and opens function contexts for `test` blocks.

use super::Checker;
use super::lifting::PathUse;
use super::model::VarKind;
use super::model::{ClosureInfo, MemberRef, NameRef};
use super::scope::Binding;
use super::symbols::{MemberKind, TypeRef};
use super::types::{FunctionType, Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{AssignOp, Block, BringTarget, Expr, ExprKind, Ident, LiftQualification, Phase, Span, Stmt, StmtKind};

/// Stdlib modules a user can `bring`.
pub(super) const BRINGABLE: [&str; 7] = ["cloud", "util", "expect", "http", "math", "ex", "fs"];

impl Checker {
    /// Checks a statement list: `bring`s first (the parser reports one
    /// written after other statements), then its type declarations,
    /// hoisted, then the statements in order.
    pub(super) fn check_block_stmts(&mut self, stmts: &[Stmt]) {
        let is_bring = |s: &&Stmt| matches!(s.kind, StmtKind::Bring { .. });
        for stmt in stmts.iter().filter(is_bring) {
            self.check_stmt(stmt);
        }
        self.declare_types(stmts);
        let scope = self.scopes.last_mut().expect("a scope is open");
        for stmt in stmts {
            if let StmtKind::Let { name, .. } = &stmt.kind {
                scope.declared_later.entry(name.name.clone()).or_insert(name.span);
            }
        }
        for stmt in stmts.iter().filter(|s| !is_bring(s)) {
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
            StmtKind::Let { reassignable, name, ty, value } => self.check_let(stmt, *reassignable, name, ty.as_ref(), value),
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
                let var = self.declare_var(name, inner, VarKind::IfLet, *reassignable);
                self.sem.declared.insert(stmt.id, var);
                self.alias_if_tracked(var, value, inner, *reassignable);
                self.check_block(then);
                self.pop_scope();
                if let Some(otherwise) = otherwise {
                    self.check_block(otherwise);
                }
            }
            StmtKind::For { var, iterable, body } => {
                let item = self.check_iterable(iterable);
                self.push_scope();
                let id = self.declare_var(var, item, VarKind::Loop, false);
                self.sem.declared.insert(stmt.id, id);
                self.loop_body(body);
                self.pop_scope();
            }
            StmtKind::While { cond, body } => {
                self.check_condition(cond);
                self.loop_body(body);
            }
            StmtKind::Break | StmtKind::Continue => {
                if self.loops() == 0 {
                    let word = if matches!(stmt.kind, StmtKind::Break) { "break" } else { "continue" };
                    let mut d = Diagnostic::error("E0105", format!("`{word}` outside of a loop"), stmt.span)
                        .with_label(format!("no loop around this `{word}`"));
                    let outer_loops = self.top_level_loops + self.functions.iter().rev().skip(1).map(|f| f.loops).sum::<usize>();
                    if outer_loops > 0 {
                        d = d.with_note("a function is not part of the loop around it: return from it instead");
                    }
                    self.report(d);
                }
            }
            StmtKind::Return(value) => self.check_return(value.as_ref(), stmt.span),
            StmtKind::Throw(value) => {
                self.check_expr_expecting(value, Some(Types::STR));
            }
            StmtKind::Try { body, catch, finally } => {
                self.check_block(body);
                if let Some(catch) = catch {
                    self.push_scope();
                    if let Some(var) = &catch.var {
                        let id = self.declare_var(var, Types::STR, VarKind::Catch, false);
                        self.sem.declared.insert(stmt.id, id);
                    }
                    self.check_block(&catch.body);
                    self.pop_scope();
                }
                if let Some(finally) = finally {
                    self.check_block(finally);
                }
            }
            StmtKind::Block(block) => self.check_block(block),
            StmtKind::Lift { qualifications, body } => self.check_lift_block(qualifications, body, stmt.span),
            StmtKind::Test { body, .. } => self.check_test(stmt, body),
            StmtKind::Class(decl) => {
                if let Some(TypeRef::Class(id)) = self.sem.declarations.get(stmt.id).copied() {
                    self.check_class_body(id, decl);
                }
            }
            StmtKind::Interface(_) | StmtKind::Struct(_) | StmtKind::Enum(_) => {}
            StmtKind::ExternFunction(sig) => self.report(
                Diagnostic::error("E0106", "`extern` declarations are only allowed in the standard library", sig.span)
                    .with_help("give the function a body: `let f = (…) => { … };`"),
            ),
            StmtKind::ExternConstant { name, .. } => self.report(
                Diagnostic::error("E0106", "`extern` declarations are only allowed in the standard library", name.span)
                    .with_help("declare a value with `let`"),
            ),
            StmtKind::Error => {}
        }
    }

    /// `let x = …;`. A closure may call itself by the name it is bound to:
    /// the name is declared first (with the closure's written type), and
    /// kept in a box when the closure captures it.
    fn check_let(
        &mut self,
        stmt: &Stmt,
        reassignable: bool,
        name: &Ident,
        ty: Option<&crate::syntax::ast::TypeAnnotation>,
        value: &Expr,
    ) {
        let declared = ty.map(|t| self.resolve_user_type(t));
        if let (ExprKind::Closure(closure), None) = (&value.kind, declared) {
            let params = closure.params.iter().map(|p| self.resolve_user_type(&p.ty)).collect();
            let result = closure.return_type.as_ref().map_or(Types::ERROR, |t| self.resolve_user_type(t));
            let phase = if closure.phase == Phase::Inflight { Phase::Inflight } else { self.phase() };
            let variadic = closure.params.last().is_some_and(|p| p.variadic);
            let early = self.sem.types.function(FunctionType { phase, params, result, variadic });
            let var = self.declare_var(name, early, VarKind::Let, reassignable);
            self.sem.declared.insert(stmt.id, var);
            if !reassignable {
                self.closure_vars.insert(var, value.id);
            }
            let actual = self.check_expr(value);
            self.sem.vars[var.0 as usize].ty = actual;
            if self.sem.closures.get(value.id).is_some_and(|c| c.captures.contains(&var)) {
                self.sem.vars[var.0 as usize].boxed = true;
            }
            return;
        }
        let value_ty = self.check_expr_expecting(value, declared);
        let mut ty = declared.unwrap_or(value_ty);
        if ty == Types::VOID {
            self.report(
                Diagnostic::error("E0203", format!("`{}` would hold no value", name.name), value.span)
                    .with_label("this expression has type `void`"),
            );
            ty = Types::ERROR;
        } else if ty == Types::NIL {
            let var = if reassignable { "var " } else { "" };
            self.report(
                Diagnostic::error("E0230", format!("cannot tell the type of `{}` from `nil`", name.name), value.span)
                    .with_label("`nil` fits any optional type")
                    .with_help(format!("write the type: `let {var}{}: str? = nil;`", name.name)),
            );
            ty = Types::ERROR;
        }
        let var = self.declare_var(name, ty, VarKind::Let, reassignable);
        self.sem.declared.insert(stmt.id, var);
        self.alias_if_tracked(var, value, ty, reassignable);
    }

    /// An inflight `let` or `if let` of a resource read from a path the
    /// checker follows: uses of the variable are uses of that path.
    fn alias_if_tracked(&mut self, var: super::model::VarId, value: &Expr, ty: TypeId, reassignable: bool) {
        if !reassignable
            && self.phase() == Phase::Inflight
            && self.is_liftable_object(ty)
            && let Some(path) = self.tracked_path(value)
        {
            self.aliases.insert(var, path);
        }
    }

    /// `lift { r: [op, …], … } { body }`: each qualification grants its
    /// methods on its preflight object; inside the body, operations the
    /// checker cannot trace to a resource are allowed (the qualifications
    /// say what they may reach).
    fn check_lift_block(&mut self, qualifications: &[LiftQualification], body: &Block, span: Span) {
        if self.phase() != Phase::Inflight {
            self.report(
                Diagnostic::error("E0309", "a `lift` block qualifies what inflight code may do", span)
                    .with_label("this is preflight code")
                    .with_help("move the block into an inflight closure, method or `test`"),
            );
        } else {
            for qualification in qualifications {
                self.check_lift_qualification(qualification);
            }
        }
        self.lift_blocks += 1;
        self.check_block(body);
        self.lift_blocks -= 1;
    }

    fn check_lift_qualification(&mut self, qualification: &LiftQualification) {
        let target = &qualification.target;
        let (ty, path) = match self.check_object(target) {
            super::member::Object::Value { ty, path, .. } => (ty, path),
            _ => (Types::ERROR, None),
        };
        let class = self.class_of(ty).filter(|c| self.sem.class(*c).is_resource());
        let (Some(class), Some((root, path))) = (class, path) else {
            if ty != Types::ERROR {
                let shown = self.sem.types.display(ty);
                self.report(
                    Diagnostic::error("E0309", "`lift` qualifies a resource or preflight object by its name", target.span)
                        .with_label(format!("this `{shown}` is not a preflight object inflight code lifts")),
                );
            }
            return;
        };
        let shown = self.sem.class(class).qualified.clone();
        for op in &qualification.ops {
            let is_inflight_method = self
                .sem
                .find_member(class, &op.name)
                .is_some_and(|(_, m)| m.phase == Phase::Inflight && !m.is_static && matches!(m.kind, MemberKind::Method(_)));
            if is_inflight_method {
                self.record_lift(root, &path, PathUse::Call(op.name.clone()));
                continue;
            }
            let inflight_methods: Vec<String> = self
                .sem
                .ancestry(class)
                .flat_map(|c| self.sem.class(c).members.iter())
                .filter(|m| m.phase == Phase::Inflight && !m.is_static && matches!(m.kind, MemberKind::Method(_)))
                .map(|m| m.name.clone())
                .collect();
            let mut diagnostic = Diagnostic::error("E0309", format!("`{shown}` has no inflight method `{}`", op.name), op.span);
            if let Some(best) =
                super::scope::closest_name(&op.name, inflight_methods.iter().map(String::as_str), &self.suggestions_left)
            {
                diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
            }
            self.report(diagnostic);
        }
    }

    fn loops(&self) -> usize {
        self.functions.last().map_or(self.top_level_loops, |f| f.loops)
    }

    fn loop_body(&mut self, body: &Block) {
        self.adjust_loops(1);
        self.check_block(body);
        self.adjust_loops(-1);
    }

    fn adjust_loops(&mut self, by: isize) {
        let count = match self.functions.last_mut() {
            Some(f) => &mut f.loops,
            None => &mut self.top_level_loops,
        };
        *count = count.saturating_add_signed(by);
    }

    fn check_bring(&mut self, target: &BringTarget, alias: Option<&Ident>, span: Span) {
        if !self.functions.is_empty() {
            self.report(Diagnostic::error("E0104", "`bring` is not allowed inside a function", span));
            return;
        }
        match target {
            BringTarget::Module(name) if BRINGABLE.contains(&name.name.as_str()) && self.namespaces.contains_key(&name.name) => {
                let bound = alias.unwrap_or(name);
                self.bind(&bound.name, Binding::Namespace(name.name.clone()));
            }
            BringTarget::Module(name) => {
                let mut diagnostic = Diagnostic::error("E0107", format!("unknown module `{}`", name.name), name.span)
                    .with_label("no standard module has this name")
                    .with_note(format!("the modules are: {}", BRINGABLE.join(", ")));
                if let Some(best) = super::scope::closest_name(&name.name, BRINGABLE, &self.suggestions_left) {
                    diagnostic = diagnostic.with_help(format!("did you mean `bring {best};`?"));
                }
                self.report(diagnostic);
            }
            BringTarget::File { path, span } => self.bring_file(path, alias, *span),
        }
    }

    fn check_condition(&mut self, cond: &Expr) {
        self.check_expr_expecting(cond, Some(Types::BOOL));
    }

    fn check_iterable(&mut self, iterable: &Expr) -> TypeId {
        if let ExprKind::Range { start, end, .. } = &iterable.kind {
            self.check_expr_expecting(start, Some(Types::NUM));
            self.check_expr_expecting(end, Some(Types::NUM));
            self.sem.expr_types.insert(iterable.id, Types::NUM);
            return Types::NUM;
        }
        let ty = self.check_expr(iterable);
        match self.sem.types.get(ty) {
            Type::Array(item) | Type::MutArray(item) | Type::Set(item) | Type::MutSet(item) => *item,
            Type::Json | Type::MutJson => ty,
            Type::Error => Types::ERROR,
            _ => {
                let shown = self.sem.types.display(ty);
                self.report(
                    Diagnostic::error("E0205", format!("cannot iterate over a value of type `{shown}`"), iterable.span)
                        .with_label("not an array, a set or a range")
                        .with_help("iterate over an array, a set, or a range like `0..10`; for a map, iterate over `m.keys()`"),
                );
                Types::ERROR
            }
        }
    }

    fn check_assign(&mut self, target: &Expr, op: AssignOp, value: &Expr) {
        let target_ty = match &target.kind {
            ExprKind::Ident(ident) => self.check_assign_var(target, ident),
            ExprKind::Member { object, name, .. } => self.check_assign_field(target, object, name),
            ExprKind::Index { object, index } => self.check_assign_index(target, object, index),
            ExprKind::Error => Types::ERROR,
            _ => {
                self.check_expr(target);
                self.report(Diagnostic::error("E0231", "only variables, fields and elements can be assigned", target.span));
                Types::ERROR
            }
        };
        match op {
            AssignOp::Set => {
                self.check_expr_expecting(value, Some(target_ty));
            }
            AssignOp::Add | AssignOp::Sub => {
                let allowed = if op == AssignOp::Add && target_ty == Types::STR { Types::STR } else { Types::NUM };
                if self.sem.is_assignable(target_ty, allowed) {
                    self.check_expr_expecting(value, Some(allowed));
                } else {
                    self.check_expr(value);
                    let shown = self.sem.types.display(target_ty);
                    let (symbol, wanted) = if op == AssignOp::Add { ("+", "a `num` or a `str`") } else { ("-", "a `num`") };
                    self.report(
                        Diagnostic::error(
                            "E0206",
                            format!("`{symbol}=` needs {wanted}, this is {}", a_type(&shown)),
                            target.span,
                        )
                        .with_label(format!("this is {}", a_type(&shown))),
                    );
                }
            }
        }
    }

    fn check_assign_var(&mut self, target: &Expr, ident: &Ident) -> TypeId {
        let ty = self.resolve_name(ident, target.id);
        self.sem.expr_types.insert(target.id, ty);
        if let Some(NameRef::Var(var)) = self.sem.names.get(target.id).cloned() {
            let info = self.sem.var(var).clone();
            if !info.reassignable {
                let (secondary, help) = match info.kind {
                    VarKind::Param => (
                        "a parameter, so it cannot change".to_string(),
                        format!(
                            "declare the parameter `var {}: {}` to make it reassignable",
                            info.name,
                            self.sem.types.display(info.ty)
                        ),
                    ),
                    VarKind::Loop => (
                        "the loop variable, so it cannot change".to_string(),
                        format!("copy it into a variable you can change: `let var n = {};`", info.name),
                    ),
                    VarKind::Catch | VarKind::This => {
                        ("it cannot change".to_string(), "assign to a new variable instead".to_string())
                    }
                    VarKind::IfLet => (
                        "bound by `if let`, so it cannot change".to_string(),
                        format!("write `if let var {} = …` to make it reassignable", info.name),
                    ),
                    VarKind::Let => (
                        "declared with `let`, so it cannot change".to_string(),
                        format!("declare it with `let var {}` to make it reassignable", info.name),
                    ),
                };
                self.report(
                    Diagnostic::error("E0103", format!("cannot assign twice to `{}`", info.name), target.span)
                        .with_label("assigned here")
                        .with_secondary(info.span, secondary)
                        .with_help(help),
                );
            }
        }
        ty
    }

    /// `object.name = …`: a reassignable field (any field in its own
    /// class's constructor), or a MutJson key.
    fn check_assign_field(&mut self, target: &Expr, object: &Expr, name: &Ident) -> TypeId {
        let ty = self.check_expr(target);
        match self.sem.members.get(target.id).cloned() {
            Some(MemberRef::Field { class, name: field }) => {
                let Some((owner, member)) = self.sem.find_member(class, &field).map(|(c, m)| (c, m.clone())) else { return ty };
                let MemberKind::Field { reassignable, .. } = member.kind else { return ty };
                if member.phase != Phase::Inflight && self.phase() == Phase::Inflight {
                    self.report(
                        Diagnostic::error("E0305", format!("cannot change the preflight field `{}` in inflight code", name.name), target.span)
                            .with_label("assigned inflight here")
                            .with_secondary(member.span, "a preflight field")
                            .with_note("inflight code works on a copy of the object's preflight state; a change would be lost")
                            .with_help("keep state that changes inflight in a resource (a `cloud.Counter`, a `cloud.Bucket`), or in an `inflight` field"),
                    );
                    return ty;
                }
                let in_constructor = self.in_constructor_of(owner, member.phase) && is_this(object);
                if !reassignable && !in_constructor {
                    self.report(
                        Diagnostic::error("E0103", format!("cannot assign to the field `{}`", name.name), target.span)
                            .with_label("assigned here")
                            .with_secondary(member.span, "declared without `var`, so only its constructor can set it")
                            .with_help(format!("declare it `var {}: …;` to make it reassignable", name.name)),
                    );
                }
                ty
            }
            Some(MemberRef::Extern { target, is_property: true }) if self.is_settable_extern(&target) => ty,
            Some(MemberRef::StructField(_)) => {
                self.report(
                    Diagnostic::error("E0232", format!("cannot assign to the field `{}` of a struct", name.name), target.span)
                        .with_note("struct values are immutable")
                        .with_help("build a new struct value instead"),
                );
                ty
            }
            _ if ty == Types::ERROR => ty,
            _ => {
                self.report(Diagnostic::error("E0231", format!("`{}` cannot be assigned", name.name), name.span));
                Types::ERROR
            }
        }
    }

    /// Whether a host property is declared `extern var` in the stdlib
    /// (`nodeof(x).title`).
    fn is_settable_extern(&self, target: &super::model::ExternRef) -> bool {
        let Some((class, member)) = target.name.split_once('.') else { return false };
        let class = match target.module.as_str() {
            "std" => self.builtin.get(class).copied(),
            module => match self.namespaces.get(module).and_then(|n| n.types.get(class)) {
                Some(super::symbols::TypeRef::Class(id)) => Some(*id),
                _ => None,
            },
        };
        class
            .and_then(|c| self.sem.class(c).own_member(member))
            .is_some_and(|m| matches!(m.kind, MemberKind::Field { reassignable: true, .. }))
    }

    fn in_constructor_of(&self, class: super::types::ClassId, phase: Phase) -> bool {
        self.functions.last().is_some_and(|f| f.class == Some(class) && f.phase == phase && f.constructor)
    }

    /// `a[i] = …` on a `MutArray`, `MutMap` or `MutJson`.
    fn check_assign_index(&mut self, target: &Expr, object: &Expr, index: &Expr) -> TypeId {
        let object_ty = self.check_expr(object);
        let (key, item) = match self.sem.types.get(object_ty).clone() {
            Type::MutArray(item) => (Types::NUM, item),
            Type::MutMap(item) => (Types::STR, item),
            Type::MutJson => (Types::STR, Types::MUT_JSON),
            Type::Error => (Types::ERROR, Types::ERROR),
            _ => {
                let shown = self.sem.types.display(object_ty);
                self.check_expr(index);
                self.report(
                    Diagnostic::error("E0233", format!("cannot assign to an element of a `{shown}`"), target.span)
                        .with_label("this collection is immutable")
                        .with_help("use a `MutArray`, `MutMap` or `MutJson` to change elements"),
                );
                return Types::ERROR;
            }
        };
        let key = if object_ty == Types::MUT_JSON && self.check_expr(index) == Types::NUM {
            Types::NUM
        } else {
            if object_ty != Types::MUT_JSON {
                self.check_expr_expecting(index, Some(key));
            }
            key
        };
        self.sem.expr_types.insert(index.id, key);
        self.sem.expr_types.insert(target.id, item);
        item
    }

    fn check_return(&mut self, value: Option<&Expr>, span: Span) {
        let Some(function) = self.functions.last() else {
            self.report(Diagnostic::error("E0108", "`return` outside of a function", span));
            if let Some(value) = value {
                self.check_expr(value);
            }
            return;
        };
        let (declared, inferred) = (function.declared_result, function.inferred_result);
        // Without a written type, returns only hint each other: `nil` on one
        // path and a `str` on another make the result `str?`.
        let expected = declared.or(inferred.filter(|t| *t != Types::NIL && *t != Types::VOID));
        let ty = match value {
            Some(value) if declared.is_none() && matches!(value.kind, ExprKind::Nil) => {
                self.check_expr(value);
                Types::NIL
            }
            Some(value) => {
                if expected == Some(Types::VOID) {
                    self.check_expr(value);
                    self.report(
                        Diagnostic::error("E0234", "this function returns no value", value.span)
                            .with_help("remove the value, or declare a return type"),
                    );
                    Types::VOID
                } else {
                    self.check_expr_expecting(value, expected)
                }
            }
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
        if function.declared_result.is_none() {
            function.inferred_result = Some(match function.inferred_result {
                Some(previous) if previous == Types::NIL => self.sem.types.optional(ty),
                Some(previous) if ty == Types::NIL => self.sem.types.optional(previous),
                Some(previous) if self.sem.is_assignable(previous, ty) => ty,
                Some(previous) => previous,
                None => ty,
            });
        }
    }

    fn check_test(&mut self, stmt: &Stmt, body: &Block) {
        if !self.functions.is_empty() {
            let keyword = Span { end: stmt.span.start + "test".len() as u32, ..stmt.span };
            self.report(
                Diagnostic::error("E0109", "`test` blocks are only allowed at the top level", keyword)
                    .with_label("a test inside a block")
                    .with_help("move the test to the top level of the file; it can use everything declared there"),
            );
        }
        self.push_function(Phase::Inflight, Some(Types::VOID), None);
        self.check_block_stmts(&body.stmts);
        let context = self.pop_function();
        let ty = self.sem.types.function(FunctionType::new(Phase::Inflight, Vec::new(), Types::VOID));
        if !context.flows.is_empty() {
            self.flow_owners.push(stmt.id);
        }
        self.sem.closures.insert(
            stmt.id,
            ClosureInfo {
                phase: Phase::Inflight,
                params: Vec::new(),
                result: Types::VOID,
                ty,
                captures: context.captures,
                lifts: context.lifts,
                flows: context.flows,
                this_var: None,
                untracked: context.untracked,
            },
        );
    }
}

fn is_this(expr: &Expr) -> bool {
    matches!(&expr.kind, ExprKind::Ident(i) if i.name == "this")
}

/// "a `str`", "an `Array<num>`": a type name with its article.
pub(super) fn a_type(shown: &str) -> String {
    let vowel = shown.chars().next().is_some_and(|c| "AEIOUaeiou".contains(c));
    format!("{} `{shown}`", if vowel { "an" } else { "a" })
}
