//! Expressions: takes an expression (and, where known, the type expected of
//! it), gives its type and records what its names resolve to; reports
//! mismatches. Members, calls and literals have their own files.

use super::Checker;
use super::annotations::TypeScope;
use super::model::ClosureInfo;
use super::model::VarKind;
use super::types::{FunctionType, Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{BinaryOp, Closure, Expr, ExprKind, InterpolationPart, Phase, Span, UnaryOp};

impl Checker {
    pub(super) fn check_expr(&mut self, expr: &Expr) -> TypeId {
        self.check_expr_expecting(expr, None)
    }

    /// Checks `expr`, reports if it does not fit `expected`, and records its
    /// type.
    pub(super) fn check_expr_expecting(&mut self, expr: &Expr, expected: Option<TypeId>) -> TypeId {
        let expected = expected.map(|e| self.sem.types.resolve(e));
        let ty = self.infer(expr, expected);
        self.sem.expr_types.insert(expr.id, ty);
        if let Some(expected) = expected
            && !self.handler_coercion(expr, ty, expected)
        {
            self.expect_assignable(ty, expected, expr.span);
            self.record_coercion(expr, ty, expected);
        }
        // A use may have just solved the type (`x + 1` with `x` untyped).
        self.sem.types.resolve(ty)
    }

    /// Records a function value used as a different function type.
    pub(super) fn record_coercion(&mut self, expr: &Expr, found: TypeId, expected: TypeId) {
        let (found_fn, expected_fn) = (self.sem.types.strip_optional(found), self.sem.types.strip_optional(expected));
        if found_fn != expected_fn
            && matches!(self.sem.types.get(found_fn), Type::Function(_))
            && matches!(self.sem.types.get(expected_fn), Type::Function(_))
            && self.sem.is_assignable(found, expected)
        {
            self.sem.coercions.insert(expr.id, expected_fn);
        }
    }

    /// A closure-class object passed preflight where a function of exactly
    /// its `handle` method's type is expected (`new cloud.Function(new
    /// Handler())`): accepted and recorded, its value becomes the bound
    /// `handle` method. Or a function where an interface a closure can
    /// stand for is expected (`let h: cloud.IFunctionHandler = inflight ()
    /// => {…}`): accepted, and recorded as used as the `handle` type.
    pub(super) fn handler_coercion(&mut self, expr: &Expr, found: TypeId, expected: TypeId) -> bool {
        self.function_as_handler(expr, found, expected) || self.object_as_function(expr, found, expected)
    }

    fn object_as_function(&mut self, expr: &Expr, found: TypeId, expected: TypeId) -> bool {
        if self.phase() != Phase::Preflight || self.sem.types.is_optional(found) {
            return false;
        }
        let expected = self.sem.types.strip_optional(expected);
        let Some((receiver, handle)) = self.sem.handle_method(found) else { return false };
        if !matches!(self.sem.types.get(expected), Type::Function(_)) || self.sem.types.function(handle) != expected {
            return false;
        }
        self.sem.object_functions.insert(expr.id, receiver);
        true
    }

    fn function_as_handler(&mut self, expr: &Expr, found: TypeId, expected: TypeId) -> bool {
        let found_fn = self.sem.types.strip_optional(found);
        if !matches!(self.sem.types.get(found_fn), Type::Function(_))
            || (self.sem.types.is_optional(found) && !self.sem.types.is_optional(expected))
        {
            return false;
        }
        let Some(handle) = self.sem.closure_interface(expected) else { return false };
        let handle = self.sem.types.function(handle);
        if !self.sem.is_assignable(found_fn, handle) {
            return false;
        }
        if found_fn != handle {
            self.sem.coercions.insert(expr.id, handle);
        }
        true
    }

    /// E0900: a closure-class object where a function is expected (other
    /// than preflight with exactly the `handle` type), which Wing allows by
    /// the shape of `handle` and this version does not do yet.
    fn closure_class_coercion(&mut self, found: TypeId, expected: TypeId, span: Span) -> Option<Diagnostic> {
        let (found_s, expected_s) = (self.sem.types.display(found), self.sem.types.display(expected));
        let function =
            |sem: &super::Semantics, ty: TypeId| matches!(sem.types.get(sem.types.strip_optional(ty)), Type::Function(_));
        if function(&self.sem, expected)
            && let Some((_, handle)) = self.sem.handle_method(found)
        {
            let handle = self.sem.types.function(handle);
            if !self.sem.is_assignable(handle, expected) {
                return None;
            }
            return Some(
                Diagnostic::error(
                    "E0900",
                    format!(
                        "a `{found_s}` used as a function (by its `handle` method) is not supported by this version of wingc yet"
                    ),
                    span,
                )
                .with_label(format!("a `{expected_s}` is expected here"))
                .with_help("wrap it in a closure that calls it: `inflight (event) => { return handler(event); }`"),
            );
        }
        None
    }

    /// E0900: an object of a class extending a std resource where that
    /// resource's type is expected (`let c: cloud.Counter = visits;`).
    fn std_upcast(&self, found: TypeId, expected: TypeId, span: Span) -> Option<Diagnostic> {
        let types = &self.sem.types;
        let (Type::Class(sub), Type::Class(sup)) = (types.get(found), types.get(types.strip_optional(expected))) else {
            return None;
        };
        if !self.sem.is_subclass(*sub, *sup) || !self.sem.is_std_upcast(*sub, *sup) {
            return None;
        }
        let (sub, sup) = (&self.sem.class(*sub).qualified, &self.sem.class(*sup).qualified);
        Some(
            Diagnostic::error(
                "E0900",
                format!("a `{sub}` used as a `{sup}` is not supported by this version of wingc yet"),
                span,
            )
            .with_label(format!("a `{sup}` is expected here"))
            .with_help(format!("expect a `{sub}`, or call the `{sup}` methods on it where it is used")),
        )
    }

    pub(super) fn expect_assignable(&mut self, found: TypeId, expected: TypeId, span: Span) {
        self.unify(found, expected);
        if self.sem.is_assignable(found, expected) {
            return;
        }
        if let Some(diagnostic) = self.closure_class_coercion(found, expected, span) {
            self.report(diagnostic);
            return;
        }
        if let Some(diagnostic) = self.std_upcast(found, expected, span) {
            self.report(diagnostic);
            return;
        }
        let types = &self.sem.types;
        let (found_s, expected_s) = (types.display(found), types.display(expected));
        let mut diagnostic = Diagnostic::error("E0210", format!("expected `{expected_s}`, found `{found_s}`"), span)
            .with_label(format!("this is a `{found_s}`"));
        if types.is_optional(found) && self.sem.is_assignable(types.strip_optional(found), expected) {
            diagnostic = diagnostic
                .with_note("the value may be nil")
                .with_help("give a default with `?? value`, or assert it is set with `!`");
        } else if let (Type::Function(f), Type::Function(e)) = (types.get(found), types.get(expected))
            && f.phase != e.phase
            && e.phase == Phase::Inflight
        {
            diagnostic = diagnostic.with_help("mark the closure `inflight (…) => { … }`");
        } else if found == Types::NIL {
            diagnostic = diagnostic.with_help(format!("make the type optional to allow nil: `{expected_s}?`"));
        } else if matches!(types.get(expected), Type::Json) {
            diagnostic = diagnostic.with_note("Json holds strings, numbers, booleans, arrays, maps and structs of those");
        } else {
            let target = types.get(types.strip_optional(expected));
            match (types.get(found), target) {
                (Type::Str, Type::Num) => diagnostic = diagnostic.with_help("convert it with `num.fromStr(…)`"),
                (Type::Num, Type::Str) => diagnostic = diagnostic.with_help("convert it with string interpolation: `\"{…}\"`"),
                (Type::Json | Type::MutJson, Type::Str) => {
                    diagnostic = diagnostic.with_help("read the Json value as a string: `.asStr()`")
                }
                (Type::Json | Type::MutJson, Type::Num) => {
                    diagnostic = diagnostic.with_help("read the Json value as a number: `.asNum()`")
                }
                (Type::Json | Type::MutJson, Type::Bool) => {
                    diagnostic = diagnostic.with_help("read the Json value as a boolean: `.asBool()`")
                }
                _ => {}
            }
        }
        self.report(diagnostic);
    }

    fn infer(&mut self, expr: &Expr, expected: Option<TypeId>) -> TypeId {
        match &expr.kind {
            ExprKind::Nil => Types::NIL,
            ExprKind::Bool(_) => Types::BOOL,
            ExprKind::Num(_) => Types::NUM,
            ExprKind::Duration(_) => Types::DURATION,
            ExprKind::Str(_) => Types::STR,
            ExprKind::Interpolated(parts) => {
                self.check_interpolation(parts);
                Types::STR
            }
            ExprKind::Ident(ident) => self.check_ident(expr, ident),
            ExprKind::Member { object, name, optional } => self.check_member(expr, object, name, *optional),
            ExprKind::Call { callee, args } => self.check_call(expr, callee, args, expected),
            ExprKind::Index { object, index } => self.check_index(object, index),
            ExprKind::Unary { op, operand } => self.check_unary(*op, operand, expr.span),
            ExprKind::Binary { op, left, right } => self.check_binary(*op, left, right, expr.span, expected),
            ExprKind::Range { start, end, .. } => {
                self.check_expr(start);
                self.check_expr(end);
                self.report(
                    Diagnostic::error("E0211", "a range can only be iterated with `for`", expr.span)
                        .with_help("write `for i in 0..10 { … }`"),
                );
                Types::ERROR
            }
            ExprKind::New { class, args, id, scope } => self.check_new(expr, class, args, id.as_deref(), scope.as_deref()),
            ExprKind::Closure(closure) => self.check_closure(expr, closure, expected),
            ExprKind::ArrayLiteral { ty, items } => self.check_array_literal(ty.as_ref(), items, expected, expr.span),
            ExprKind::MapLiteral { ty, entries } => self.check_map_literal(ty.as_ref(), entries, expected, expr.span),
            ExprKind::JsonLiteral { mutable, explicit, fields } => {
                self.check_json_literal(*mutable, *explicit, fields, expected, expr.span)
            }
            ExprKind::JsonValue { mutable, value } => {
                // `Json [1, "a"]`: the array holds Json values, of any kind.
                let json = if *mutable { Types::MUT_JSON } else { Types::JSON };
                let ty = match value.kind {
                    ExprKind::ArrayLiteral { ty: None, .. } => self.check_expr_expecting(value, Some(json)),
                    _ => self.check_expr(value),
                };
                self.expect_json(ty, value.span);
                json
            }
            ExprKind::StructLiteral { ty, fields } => self.check_struct_literal(ty, fields),
            ExprKind::Intrinsic(name) => match name.name.as_str() {
                "filename" | "dirname" | "target" => Types::STR,
                "app" => self.check_app_intrinsic(name.span),
                other => {
                    self.report(
                        Diagnostic::error("E0236", format!("unknown intrinsic `@{other}`"), name.span)
                            .with_note("the intrinsics are `@filename`, `@dirname`, `@app` and `@target`"),
                    );
                    Types::ERROR
                }
            },
            ExprKind::Error => Types::ERROR,
        }
    }

    /// `@app`: the app (`std.IApp`), preflight only, as in Wing.
    fn check_app_intrinsic(&mut self, span: Span) -> TypeId {
        if self.phase() == Phase::Inflight {
            self.report(
                Diagnostic::error("E0303", "`@app` is preflight: the app exists when it is compiled", span)
                    .with_help("read what you need of it preflight and use that inflight"),
            );
            return Types::ERROR;
        }
        match self.builtin.get("IApp") {
            Some(app) => self.sem.types.intern(Type::Class(*app)),
            None => Types::ERROR,
        }
    }

    /// A bare name as a value; `this` and `super` have their own rules.
    fn check_ident(&mut self, expr: &Expr, ident: &crate::syntax::ast::Ident) -> TypeId {
        if ident.name == "super" && self.lookup("super").is_none() {
            self.report(
                Diagnostic::error(
                    "E0142",
                    "`super` can only be used to call a method or constructor of the parent class",
                    ident.span,
                )
                .with_help("write `super.method(…)` or, in a constructor, `super(…)`"),
            );
            return Types::ERROR;
        }
        if ident.name == "this" && self.lookup("this").is_none() {
            self.report(Diagnostic::error("E0138", "`this` is only available in methods and constructors", ident.span));
            return Types::ERROR;
        }
        self.resolve_name(ident, expr.id)
    }

    fn check_interpolation(&mut self, parts: &[InterpolationPart]) {
        for part in parts {
            let InterpolationPart::Expr(e) = part else { continue };
            let ty = self.check_expr(e);
            if self.sem.types.unsolved(ty).is_some() {
                self.defer_interpolation(ty, e.span);
            } else if !self.sem.types.is_stringable(ty) {
                let shown = self.sem.types.display(ty);
                let mut diagnostic = Diagnostic::error("E0235", format!("cannot interpolate a `{shown}`"), e.span)
                    .with_note("interpolation prints `str`, `num`, `bool`, `Json` and enum values");
                diagnostic = if self.sem.types.is_optional(ty) {
                    diagnostic.with_help("give a default with `?? \"…\"`, or assert it is set with `!`")
                } else if self.sem.is_json_data(ty) {
                    diagnostic.with_help("print it as Json: `Json.stringify(…)`")
                } else {
                    diagnostic
                };
                self.report(diagnostic);
            }
        }
    }

    pub(super) fn expect_json(&mut self, ty: TypeId, span: Span) {
        if !self.sem.is_json_data(ty) {
            let shown = self.sem.types.display(ty);
            let mut diagnostic = Diagnostic::error("E0213", format!("a `{shown}` cannot be stored in Json"), span)
                .with_note("Json holds strings, numbers, booleans, arrays, maps and structs of those");
            if matches!(self.sem.types.get(self.sem.types.strip_optional(ty)), Type::MutArray(_) | Type::MutMap(_)) {
                diagnostic =
                    diagnostic.with_help("a mutable collection could change under the Json value: store a copy, `.copy()`");
            }
            self.report(diagnostic);
        }
    }

    fn check_unary(&mut self, op: UnaryOp, operand: &Expr, span: Span) -> TypeId {
        match op {
            UnaryOp::Neg => {
                let ty = self.check_expr(operand);
                if ty == Types::DURATION {
                    return ty;
                }
                self.expect_assignable(ty, Types::NUM, operand.span);
                Types::NUM
            }
            UnaryOp::Not => {
                self.check_expr_expecting(operand, Some(Types::BOOL));
                Types::BOOL
            }
            UnaryOp::Unwrap | UnaryOp::IsSome => {
                let ty = self.check_expr(operand);
                if !self.sem.types.is_optional(ty) && ty != Types::ERROR {
                    let shown = self.sem.types.display(ty);
                    let symbol = if op == UnaryOp::Unwrap { "!" } else { "?" };
                    self.report(
                        Diagnostic::error("E0223", format!("`{symbol}` needs an optional value, found `{shown}`"), span)
                            .with_label("this value is never nil"),
                    );
                }
                if op == UnaryOp::Unwrap { self.sem.types.strip_optional(ty) } else { Types::BOOL }
            }
        }
    }

    fn check_binary(&mut self, op: BinaryOp, left: &Expr, right: &Expr, span: Span, expected: Option<TypeId>) -> TypeId {
        match op {
            BinaryOp::Add => {
                let l = self.check_expr(left);
                if l == Types::ERROR {
                    self.check_expr(right);
                    return Types::ERROR;
                }
                if l == Types::STR {
                    self.check_expr_expecting(right, Some(Types::STR));
                    return Types::STR;
                }
                self.expect_assignable(l, Types::NUM, left.span);
                self.check_expr_expecting(right, Some(Types::NUM));
                Types::NUM
            }
            BinaryOp::Sub | BinaryOp::Mul | BinaryOp::Div | BinaryOp::FloorDiv | BinaryOp::Mod | BinaryOp::Pow => {
                self.check_expr_expecting(left, Some(Types::NUM));
                self.check_expr_expecting(right, Some(Types::NUM));
                Types::NUM
            }
            BinaryOp::Less | BinaryOp::LessEq | BinaryOp::Greater | BinaryOp::GreaterEq => {
                self.check_expr_expecting(left, Some(Types::NUM));
                self.check_expr_expecting(right, Some(Types::NUM));
                Types::BOOL
            }
            BinaryOp::Eq | BinaryOp::NotEq => {
                let l = self.check_expr(left);
                let r = self.check_expr_expecting(right, None);
                if !self.sem.is_assignable(l, r) && !self.sem.is_assignable(r, l) {
                    let (ls, rs) = (self.sem.types.display(l), self.sem.types.display(r));
                    self.report(
                        Diagnostic::error("E0224", format!("cannot compare a `{ls}` with a `{rs}`"), span)
                            .with_label("these values can never be equal"),
                    );
                }
                Types::BOOL
            }
            BinaryOp::And | BinaryOp::Or => {
                self.check_expr_expecting(left, Some(Types::BOOL));
                self.check_expr_expecting(right, Some(Types::BOOL));
                Types::BOOL
            }
            BinaryOp::Coalesce => {
                let l = self.check_expr(left);
                if !self.sem.types.is_optional(l) && l != Types::ERROR {
                    let shown = self.sem.types.display(l);
                    self.report(
                        Diagnostic::error(
                            "E0223",
                            format!("`??` needs an optional value on its left, found `{shown}`"),
                            left.span,
                        )
                        .with_label("this value is never nil"),
                    );
                }
                let inner = self.sem.types.strip_optional(l);
                // The default may be optional too (`a ?? b ?? c` with `b`
                // optional): the result is then optional.
                let hint = if inner == Types::NIL { expected } else { Some(self.sem.types.optional(inner)) };
                let r = self.check_expr_expecting(right, hint);
                if self.sem.types.is_optional(r) {
                    self.sem.types.optional(inner)
                } else if inner == Types::NIL {
                    r
                } else {
                    inner
                }
            }
        }
    }

    pub(super) fn check_closure(&mut self, expr: &Expr, closure: &Closure, expected: Option<TypeId>) -> TypeId {
        if closure.phase == Phase::Independent {
            self.report(
                Diagnostic::error("E0900", "`unphased` closures are not supported by this version of wingc yet", closure.span)
                    .with_label("not supported yet")
                    .with_help("write a preflight closure and an `inflight` one"),
            );
        }
        let phase = match closure.phase {
            Phase::Inflight => Phase::Inflight,
            _ => self.phase(),
        };
        let written = TypeScope { inflight: phase == Phase::Inflight, ..TypeScope::default() };
        let hint = expected.and_then(|e| match self.sem.types.get(self.sem.types.strip_optional(e)) {
            Type::Function(f) => Some(f.clone()),
            _ => self.sem.closure_interface(e),
        });
        let param_types: Vec<TypeId> = closure
            .params
            .iter()
            .enumerate()
            .map(|(i, p)| match (&p.ty.kind, &hint) {
                (crate::syntax::ast::TypeAnnotationKind::Inferred, Some(h)) if i < h.params.len() => h.params[i],
                (crate::syntax::ast::TypeAnnotationKind::Inferred, _) => {
                    self.fresh_infer(p.name.span, super::infer::InferOrigin::Param(p.name.name.clone()))
                }
                _ => self.resolve_type(&p.ty, written),
            })
            .collect();
        let declared = closure.return_type.as_ref().map(|t| self.resolve_type(t, written));
        let declared = declared.or_else(|| hint.as_ref().map(|h| h.result).filter(|r| *r != Types::ERROR));
        self.push_function(phase, declared, None);
        let params: Vec<_> = closure
            .params
            .iter()
            .zip(&param_types)
            .map(|(p, ty)| self.declare_var(&p.name, *ty, VarKind::Param, p.reassignable))
            .collect();
        if self.closure_vars.values().any(|bound| *bound == expr.id) {
            self.track_params(phase, &params);
        }
        self.check_block_stmts(&closure.body.stmts);
        let body_exits = super::flow::always_exits(&closure.body.stmts);
        let context = self.pop_function();
        let result = declared.or(context.inferred_result).unwrap_or(Types::VOID);
        if let Some(declared) = declared
            && declared != Types::VOID
            && !self.sem.types.is_optional(declared)
            && !body_exits
        {
            let declared_at = closure.return_type.as_ref().map(|t| t.span);
            self.report_missing_return("this function", declared, declared_at, closure.body.span);
        }
        let variadic = closure.params.last().is_some_and(|p| p.variadic);
        let ty = if closure.phase == Phase::Independent {
            Types::ERROR
        } else {
            self.sem.types.function(FunctionType { phase, params: param_types, result, variadic })
        };
        if !context.flows.is_empty() {
            self.flow_owners.push(expr.id);
        }
        self.sem.closures.insert(
            expr.id,
            ClosureInfo {
                phase,
                params,
                result,
                ty,
                captures: context.captures,
                lifts: context.lifts,
                flows: context.flows,
                this_var: None,
                untracked: context.untracked,
            },
        );
        ty
    }
}
