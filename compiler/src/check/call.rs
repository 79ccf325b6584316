//! Calls: takes a call (or a `new`), gives its result type and how its
//! written arguments fill the parameters: positional, omitted optionals,
//! named arguments expanded into a trailing struct, the rest of a variadic.
//! Infers the type parameters of stdlib generics from the arguments.

use super::Checker;
use super::model::{ArgSlot, CallInfo, ExternRef, NameRef, NewInfo};
use super::scope::Binding;
use super::symbols::{ClassKind, TypeRef};
use super::types::{FunctionType, Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Arg, Expr, ExprKind, Phase, Span, UserTypeRef};
use std::collections::HashMap;

impl Checker {
    pub(super) fn check_call(&mut self, expr: &Expr, callee: &Expr, args: &[Arg], expected: Option<TypeId>) -> TypeId {
        if let ExprKind::Ident(ident) = &callee.kind
            && self.lookup(&ident.name).is_none_or(|b| matches!(b, Binding::Extern(_)))
        {
            match ident.name.as_str() {
                "super" => return self.check_super_call(expr, callee, args),
                "unsafeCast" => return self.check_unsafe_cast(expr, callee, args, expected),
                "nodeof" => return self.check_nodeof(expr, callee, args),
                _ => {}
            }
        }
        self.callees.insert(callee.id);
        let callee_ty = self.check_expr(callee);
        self.callees.remove(&callee.id);
        let signature = match self.sem.types.get(callee_ty) {
            Type::Function(f) => f.clone(),
            Type::Error => {
                self.check_args_loosely(args);
                return Types::ERROR;
            }
            Type::Class(_) | Type::Interface(_) if let Some((receiver, handle)) = self.sem.handle_method(callee_ty) => {
                self.sem.handle_calls.insert(expr.id, receiver);
                handle
            }
            _ => {
                let shown = self.sem.types.display(callee_ty);
                self.report(
                    Diagnostic::error("E0217", format!("a `{shown}` cannot be called"), callee.span).with_label("not a function"),
                );
                self.check_args_loosely(args);
                return Types::ERROR;
            }
        };
        let member_checked = matches!(callee.kind, ExprKind::Member { .. }) && self.sem.handle_calls.get(expr.id).is_none();
        if signature.phase == Phase::Inflight && self.phase() == Phase::Preflight && !member_checked {
            let what = match self.sem.names.get(callee.id) {
                Some(NameRef::Extern(target)) => format!("the inflight function `{}`", target.name),
                _ if self.sem.handle_calls.get(expr.id).is_some() => {
                    format!("the inflight `handle` of a `{}`", self.sem.types.display(callee_ty))
                }
                _ => "an inflight function".to_string(),
            };
            self.report(
                Diagnostic::error("E0303", format!("cannot call {what} in preflight code"), callee.span)
                    .with_help("call it from an inflight closure, method or `test`"),
            );
        }
        let (call, result) = self.check_args(&signature, args, expr.span);
        self.record_argument_flows(callee, args, &call);
        self.sem.calls.insert(expr.id, call);
        result
    }

    fn check_args_loosely(&mut self, args: &[Arg]) {
        for arg in args {
            self.check_expr(&arg.value);
        }
    }

    /// `super(…)` in a constructor: the parent's constructor.
    fn check_super_call(&mut self, expr: &Expr, callee: &Expr, args: &[Arg]) -> TypeId {
        let class = self.current_class().filter(|_| self.functions.last().is_some_and(|f| f.constructor));
        let parent = class.and_then(|c| self.sem.class(c).parent);
        let this = match self.lookup("this") {
            Some(Binding::Var(var)) => Some(*var),
            _ => None,
        };
        let (Some(parent), Some(this)) = (parent, this) else {
            self.report(Diagnostic::error(
                "E0142",
                "`super(…)` can only be called in the constructor of a class that extends another",
                callee.span,
            ));
            self.check_args_loosely(args);
            return Types::ERROR;
        };
        let signature = match &self.sem.class(parent).constructor {
            Some(c) => c.signature.clone(),
            None => FunctionType::new(Phase::Preflight, Vec::new(), Types::VOID),
        };
        let (call, _) = self.check_args(&signature, args, expr.span);
        self.sem.names.insert(callee.id, NameRef::SuperConstructor { parent, this });
        self.sem.calls.insert(expr.id, call);
        Types::VOID
    }

    /// `nodeof(x)`: the tree node of a resource or preflight object.
    fn check_nodeof(&mut self, expr: &Expr, callee: &Expr, args: &[Arg]) -> TypeId {
        let Some(node) = self.builtin.get("Node").copied() else { return Types::ERROR };
        if self.phase() == Phase::Inflight {
            self.report(
                Diagnostic::error(
                    "E0303",
                    "`nodeof` is preflight: the resource tree exists when the app is compiled",
                    callee.span,
                )
                .with_help("read what you need preflight and use it inflight"),
            );
        }
        match args {
            [arg] if arg.name.is_none() => {
                let ty = self.check_expr(&arg.value);
                let is_node = match self.sem.types.get(ty) {
                    Type::Class(c) => self.sem.class(*c).is_resource(),
                    Type::Interface(i) => self.sem.resource_interface.is_some_and(|r| self.sem.interface_extends(*i, r)),
                    Type::Error => true,
                    _ => false,
                };
                if !is_node {
                    let shown = self.sem.types.display(ty);
                    self.report(
                        Diagnostic::error("E0241", format!("a `{shown}` has no node"), arg.value.span)
                            .with_label("not a resource or preflight object"),
                    );
                }
            }
            _ => {
                self.check_args_loosely(args);
                self.report(Diagnostic::error("E0219", format!("expected 1 argument, found {}", args.len()), expr.span));
            }
        }
        let target = ExternRef {
            module: "std".to_string(),
            name: "nodeof".to_string(),
            signature: FunctionType::new(Phase::Preflight, vec![Types::ERROR], Types::ERROR),
            declared: FunctionType::new(Phase::Preflight, vec![Types::ERROR], Types::ERROR),
            has_receiver: false,
            phase: Phase::Preflight,
        };
        self.sem.names.insert(callee.id, NameRef::Extern(target));
        self.sem.calls.insert(expr.id, CallInfo { slots: vec![ArgSlot::Positional(0)], params: vec![Types::ERROR] });
        self.sem.types.intern(Type::Class(node))
    }

    /// `unsafeCast(x)`: `x` as whatever type the context expects.
    fn check_unsafe_cast(&mut self, expr: &Expr, callee: &Expr, args: &[Arg], expected: Option<TypeId>) -> TypeId {
        self.check_args_loosely(args);
        if args.len() != 1 {
            self.report(Diagnostic::error("E0219", format!("expected 1 argument, found {}", args.len()), expr.span));
        }
        let target = ExternRef {
            module: "std".to_string(),
            name: "unsafeCast".to_string(),
            signature: FunctionType::new(Phase::Independent, vec![Types::ERROR], Types::ERROR),
            declared: FunctionType::new(Phase::Independent, vec![Types::ERROR], Types::ERROR),
            has_receiver: false,
            phase: Phase::Independent,
        };
        self.sem.names.insert(callee.id, NameRef::Extern(target));
        self.sem.calls.insert(expr.id, CallInfo { slots: vec![ArgSlot::Positional(0)], params: vec![Types::ERROR] });
        match expected {
            Some(ty) => ty,
            None => {
                self.report(
                    Diagnostic::error("E0237", "cannot tell what type `unsafeCast` should give", expr.span)
                        .with_help("write the type where it is used: `let n: num = unsafeCast(value);`"),
                );
                Types::ERROR
            }
        }
    }

    /// Maps written arguments onto parameters: positional first, then named
    /// arguments expand into a trailing struct parameter; omitted optional
    /// parameters become nil; a variadic parameter takes the rest. Infers
    /// generic parameters from arguments.
    pub(super) fn check_args(&mut self, signature: &FunctionType, args: &[Arg], span: Span) -> (CallInfo, TypeId) {
        // A positional argument after named ones is a syntax error the
        // parser reported (E0012); it still counts as positional here.
        let positional: Vec<(usize, &Arg)> = args.iter().enumerate().filter(|(_, a)| a.name.is_none()).collect();
        let named: Vec<(usize, &Arg)> = args.iter().enumerate().filter(|(_, a)| a.name.is_some()).collect();
        let fixed = signature.params.len() - usize::from(signature.variadic);
        let takes_struct = signature.params.last().is_some_and(|last| {
            matches!(self.sem.types.get(self.sem.types.strip_optional(*last)), Type::Struct(_)) && !signature.variadic
        });
        if !named.is_empty() && !takes_struct {
            self.check_args_loosely(args);
            let first = named[0].1;
            let list: Vec<&str> = named.iter().filter_map(|(_, a)| a.name.as_ref().map(|n| n.name.as_str())).collect();
            self.report(
                Diagnostic::error(
                    "E0220",
                    "this function takes no named arguments",
                    first.name.as_ref().map_or(first.value.span, |n| n.span),
                )
                .with_label("a named argument")
                .with_note("named arguments fill the fields of a struct that is the last parameter")
                .with_help(format!("pass {} by position", list.iter().map(|n| format!("`{n}`")).collect::<Vec<_>>().join(", "))),
            );
            let slots = signature.params.iter().map(|_| ArgSlot::Missing).collect();
            let result = if self.mentions_param(signature.result) { Types::ERROR } else { signature.result };
            return (CallInfo { slots, params: signature.params.clone() }, result);
        }
        let mut substitution = HashMap::new();
        let mut slots = Vec::new();
        let mut params = Vec::new();
        for (i, declared) in signature.params.iter().enumerate().take(fixed) {
            if let Some((index, arg)) = positional.get(i) {
                params.push(self.check_argument(arg, *declared, &mut substitution));
                slots.push(ArgSlot::Positional(*index));
                continue;
            }
            let param = self.substitute(*declared, &substitution);
            let is_last = i + 1 == signature.params.len();
            let struct_id = match self.sem.types.get(self.sem.types.strip_optional(param)) {
                Type::Struct(id) => Some(*id),
                _ => None,
            };
            if let (true, Some(id), false) = (is_last, struct_id, named.is_empty()) {
                slots.push(self.expand_struct_arg(id, &named, span));
            } else if self.sem.types.is_optional(param) {
                slots.push(ArgSlot::Missing);
            } else {
                self.report(
                    Diagnostic::error(
                        "E0219",
                        format!("expected {} argument{}, found {}", fixed, plural(fixed), positional.len()),
                        span,
                    )
                    .with_label(format!("missing an argument of type `{}`", self.sem.types.display(param))),
                );
                slots.push(ArgSlot::Missing);
            }
            params.push(param);
        }
        if signature.variadic {
            let rest_ty = signature.params[fixed];
            let item = match self.sem.types.get(rest_ty) {
                Type::Array(t) | Type::MutArray(t) => *t,
                _ => Types::ERROR,
            };
            let mut rest = Vec::new();
            for (index, arg) in positional.iter().skip(fixed) {
                self.check_argument(arg, item, &mut substitution);
                rest.push(*index);
            }
            let item = self.substitute(item, &substitution);
            params.push(self.sem.types.intern(Type::Array(item)));
            slots.push(ArgSlot::Rest(rest));
        } else if positional.len() > fixed {
            for (_, arg) in &positional[fixed..] {
                self.check_expr(&arg.value);
            }
            self.report(
                Diagnostic::error(
                    "E0219",
                    format!("expected {} argument{}, found {}", fixed, plural(fixed), positional.len()),
                    positional[fixed].1.value.span,
                )
                .with_label("unexpected argument"),
            );
        }
        let result = self.substitute(signature.result, &substitution);
        (CallInfo { slots, params }, result)
    }

    /// Checks one argument against its declared parameter, binding type
    /// parameters; gives the parameter type after substitution.
    fn check_argument(&mut self, arg: &Arg, declared: TypeId, substitution: &mut HashMap<String, TypeId>) -> TypeId {
        if !self.mentions_param(declared) {
            self.check_expr_expecting(&arg.value, Some(declared));
            return declared;
        }
        // A literal that takes its type from the context (`[]`, `{}`, a
        // closure with untyped parameters) gets the parameters bound so far.
        let bound = self.substitute(declared, substitution);
        if !self.mentions_param(bound) && needs_context(&arg.value) {
            self.check_expr_expecting(&arg.value, Some(bound));
            return bound;
        }
        let ty = self.check_expr(&arg.value);
        self.bind_type_params(declared, ty, substitution);
        let param = self.substitute(declared, substitution);
        if !self.handler_coercion(&arg.value, ty, param) {
            self.expect_assignable(ty, param, arg.value.span);
            self.record_coercion(&arg.value, ty, param);
        }
        param
    }

    fn expand_struct_arg(&mut self, id: super::types::StructId, named: &[(usize, &Arg)], span: Span) -> ArgSlot {
        let info = self.sem.structure(id).clone();
        let mut fields = Vec::new();
        for (index, arg) in named {
            let Some(name) = &arg.name else { continue };
            match info.field(&name.name) {
                Some(ty) => {
                    self.check_expr_expecting(&arg.value, Some(ty));
                    fields.push((name.name.clone(), *index));
                }
                None => {
                    self.check_expr(&arg.value);
                    let names = info.fields.iter().map(|(n, _)| n.as_str());
                    let mut diagnostic = Diagnostic::error("E0221", format!("unknown named argument `{}`", name.name), name.span)
                        .with_label(format!("`{}` has no field with this name", info.qualified));
                    if let Some(best) = super::scope::closest_name(&name.name, names, &self.suggestions_left) {
                        diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
                    }
                    self.report(diagnostic);
                }
            }
        }
        for (field, ty) in &info.fields {
            if !self.sem.types.is_optional(*ty) && !fields.iter().any(|(n, _)| n == field) {
                self.report(
                    Diagnostic::error("E0215", format!("missing the named argument `{field}`"), span)
                        .with_label(format!("`{}` needs `{field}`", info.qualified)),
                );
            }
        }
        ArgSlot::Expanded { fields }
    }

    fn mentions_param(&self, ty: TypeId) -> bool {
        match self.sem.types.get(ty) {
            Type::Param(_) => true,
            Type::Optional(t)
            | Type::Array(t)
            | Type::MutArray(t)
            | Type::Map(t)
            | Type::MutMap(t)
            | Type::Set(t)
            | Type::MutSet(t) => self.mentions_param(*t),
            Type::Function(f) => f.params.iter().any(|p| self.mentions_param(*p)) || self.mentions_param(f.result),
            _ => false,
        }
    }

    fn bind_type_params(&mut self, param: TypeId, arg: TypeId, substitution: &mut HashMap<String, TypeId>) {
        match (self.sem.types.get(param).clone(), self.sem.types.get(arg).clone()) {
            (Type::Param(name), _) => {
                let arg = if arg == Types::NIL { arg } else { self.sem.types.frozen(arg) };
                // `nil` and a `T` together make the parameter `T?`; `T` and
                // `T?` make it `T?`.
                let bound = match substitution.get(&name).copied() {
                    None => arg,
                    Some(previous) if previous == Types::NIL && arg != Types::NIL => self.sem.types.optional(arg),
                    Some(previous) if arg == Types::NIL => self.sem.types.optional(previous),
                    // Two arguments of one parameter: the wider type.
                    Some(previous) if self.sem.is_assignable(previous, arg) => arg,
                    Some(previous) => previous,
                };
                substitution.insert(name, bound);
            }
            (Type::Optional(p), Type::Optional(a)) => self.bind_type_params(p, a, substitution),
            (Type::Optional(p), _) => self.bind_type_params(p, arg, substitution),
            (Type::Array(p) | Type::MutArray(p), Type::Array(a) | Type::MutArray(a))
            | (Type::Map(p) | Type::MutMap(p), Type::Map(a) | Type::MutMap(a))
            | (Type::Set(p) | Type::MutSet(p), Type::Set(a) | Type::MutSet(a)) => self.bind_type_params(p, a, substitution),
            _ => {}
        }
    }

    pub(super) fn substitute(&mut self, ty: TypeId, substitution: &HashMap<String, TypeId>) -> TypeId {
        if substitution.is_empty() {
            return ty;
        }
        let rebuild = |this: &mut Checker, inner: TypeId, make: fn(TypeId) -> Type| {
            let inner = this.substitute(inner, substitution);
            this.sem.types.intern(make(inner))
        };
        match self.sem.types.get(ty).clone() {
            Type::Param(name) => substitution.get(&name).copied().unwrap_or(ty),
            Type::Optional(inner) => {
                let inner = self.substitute(inner, substitution);
                self.sem.types.optional(inner)
            }
            Type::Array(inner) => rebuild(self, inner, Type::Array),
            Type::MutArray(inner) => rebuild(self, inner, Type::MutArray),
            Type::Map(inner) => rebuild(self, inner, Type::Map),
            Type::MutMap(inner) => rebuild(self, inner, Type::MutMap),
            Type::Set(inner) => rebuild(self, inner, Type::Set),
            Type::MutSet(inner) => rebuild(self, inner, Type::MutSet),
            Type::Function(f) => {
                let sig = self.substitute_signature(&f, substitution);
                self.sem.types.function(sig)
            }
            _ => ty,
        }
    }

    pub(super) fn substitute_signature(&mut self, sig: &FunctionType, substitution: &HashMap<String, TypeId>) -> FunctionType {
        FunctionType {
            phase: sig.phase,
            params: sig.params.iter().map(|p| self.substitute(*p, substitution)).collect(),
            result: self.substitute(sig.result, substitution),
            variadic: sig.variadic,
        }
    }

    pub(super) fn check_new(
        &mut self,
        expr: &Expr,
        class: &UserTypeRef,
        args: &[Arg],
        id: Option<&Expr>,
        scope: Option<&Expr>,
    ) -> TypeId {
        let ty = self.check_new_instance(expr, class, args, id.or(scope).map(|e| e.span));
        self.check_placement(id, scope);
        ty
    }

    /// `new C(args)`: the class and its constructor's arguments. `placed`
    /// is where `as` or `in` is written, if it is.
    fn check_new_instance(&mut self, expr: &Expr, class: &UserTypeRef, args: &[Arg], placed: Option<Span>) -> TypeId {
        let names: Vec<&str> = class.path.iter().map(|p| p.name.as_str()).collect();
        let found = self.find_type(&names, Default::default());
        let class_id = match found {
            Some(TypeRef::Class(c)) => c,
            Some(other) => {
                let (what, help) = match other {
                    TypeRef::Interface(_) => ("an interface", "create an instance of a class that implements it"),
                    TypeRef::Struct(_) => ("a struct", "build a struct value with a literal: `Name { field: … }`"),
                    _ => ("an enum", "use one of its variants: `Name.VARIANT`"),
                };
                self.report(
                    Diagnostic::error("E0225", format!("cannot create an instance of {what} with `new`"), class.span)
                        .with_help(help),
                );
                self.check_args_loosely(args);
                return Types::ERROR;
            }
            None => {
                self.report_unknown_type(&names, class.span, Default::default());
                self.check_args_loosely(args);
                return Types::ERROR;
            }
        };
        let info = self.sem.class(class_id).clone();
        let here = self.phase();
        if info.is_resource() && here == Phase::Inflight {
            let what = if info.kind == ClassKind::Resource { "the resource" } else { "an instance of the preflight class" };
            self.report(
                Diagnostic::error("E0304", format!("cannot create {what} `{}` in inflight code", info.qualified), expr.span)
                    .with_label("resources can only be created preflight")
                    .with_note("resources are created when the app is compiled and deployed, not while it runs")
                    .with_help("create it at the top level (or in a constructor) and use it from the inflight code"),
            );
        } else if info.phase == Phase::Inflight && here == Phase::Preflight {
            self.report(
                Diagnostic::error(
                    "E0306",
                    format!("cannot create the inflight class `{}` in preflight code", info.qualified),
                    expr.span,
                )
                .with_help("create it in inflight code: a closure, an inflight method or a `test`"),
            );
        }
        if let Some(span) = placed.filter(|_| !info.is_resource()) {
            self.report(Diagnostic::error("E0238", "only resources and preflight objects take `as` and `in`", span));
        }
        let Some(constructor) = info.constructor.clone() else {
            if info.kind == ClassKind::User {
                let empty = FunctionType::new(here, Vec::new(), Types::VOID);
                let (call, _) = self.check_args(&empty, args, expr.span);
                self.sem.news.insert(expr.id, NewInfo { class: class_id, call });
                return self.sem.types.intern(Type::Class(class_id));
            }
            self.report(Diagnostic::error("E0226", format!("`{}` cannot be created with `new`", info.qualified), class.span));
            self.check_args_loosely(args);
            return Types::ERROR;
        };
        let (call, _) = self.check_args(&constructor.signature, args, expr.span);
        self.sem.news.insert(expr.id, NewInfo { class: class_id, call });
        self.sem.types.intern(Type::Class(class_id))
    }

    /// The `as` id and the `in` scope of a `new`, whatever is created.
    fn check_placement(&mut self, id: Option<&Expr>, scope: Option<&Expr>) {
        if let Some(id) = id {
            self.check_expr_expecting(id, Some(Types::STR));
        }
        if let Some(scope) = scope {
            let ty = self.check_expr(scope);
            let is_node = match self.sem.types.get(ty) {
                Type::Class(c) => self.sem.class(*c).is_resource(),
                Type::Error => true,
                _ => false,
            };
            if !is_node {
                self.report(Diagnostic::error(
                    "E0227",
                    "the scope of `new … in` must be a resource or preflight object",
                    scope.span,
                ));
            }
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// Whether an expression's type comes from what the context expects.
fn needs_context(expr: &Expr) -> bool {
    match &expr.kind {
        ExprKind::ArrayLiteral { ty: None, items } => items.is_empty(),
        ExprKind::MapLiteral { ty: None, entries } => entries.is_empty(),
        ExprKind::JsonLiteral { explicit: false, .. } | ExprKind::Closure(_) => true,
        _ => false,
    }
}
