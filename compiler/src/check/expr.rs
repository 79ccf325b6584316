//! Expressions: takes an expression (and, where known, the type expected of
//! it), gives its type and records what its names, members, calls and
//! closures resolve to; reports mismatches and phase errors.

use super::Checker;
use super::decls::{MemberInfo, MemberKind, TypeScope};
use super::model::{ArgSlot, CallInfo, ClosureInfo, ExternRef, MemberRef, NameRef, NewInfo};
use super::types::{ClassId, FunctionType, Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{
    Arg, BinaryOp, Closure, Expr, ExprKind, Ident, InterpolationPart, Phase, Span, TypeAnnotation, UnaryOp, UserTypeRef,
};
use std::collections::HashMap;

impl Checker {
    pub(super) fn check_expr(&mut self, expr: &Expr) -> TypeId {
        self.check_expr_expecting(expr, None)
    }

    /// Checks `expr`, reports if it does not fit `expected`, and records its
    /// type.
    pub(super) fn check_expr_expecting(&mut self, expr: &Expr, expected: Option<TypeId>) -> TypeId {
        let ty = self.infer(expr, expected);
        self.sem.expr_types.insert(expr.id, ty);
        if let Some(expected) = expected {
            self.expect_assignable(ty, expected, expr.span);
        }
        ty
    }

    fn expect_assignable(&mut self, found: TypeId, expected: TypeId, span: Span) {
        if self.sem.types.is_assignable(found, expected) {
            return;
        }
        let types = &self.sem.types;
        let (found_s, expected_s) = (types.display(found), types.display(expected));
        let mut diagnostic = Diagnostic::error("E0210", format!("expected `{expected_s}`, found `{found_s}`"), span)
            .with_label(format!("this is a `{found_s}`"));
        if types.is_optional(found) && types.is_assignable(types.strip_optional(found), expected) {
            diagnostic = diagnostic
                .with_note("the value may be nil")
                .with_help("give a default with `?? value`, or assert it is set with `!`");
        } else if let (Type::Function(f), Type::Function(e)) = (types.get(found), types.get(expected))
            && f.phase != e.phase
            && e.phase == Phase::Inflight
        {
            diagnostic = diagnostic.with_help("mark the closure `inflight (…) => { … }`");
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
                for part in parts {
                    if let InterpolationPart::Expr(e) = part {
                        let ty = self.check_expr(e);
                        if ty == Types::VOID {
                            self.report(Diagnostic::error("E0203", "this expression has no value to print", e.span));
                        }
                    }
                }
                Types::STR
            }
            ExprKind::Ident(ident) => self.resolve_name(ident, expr.id, None),
            ExprKind::Member { object, name, optional } => self.check_member(expr, object, name, *optional),
            ExprKind::Call { callee, args } => self.check_call(expr, callee, args),
            ExprKind::Index { object, index } => self.check_index(object, index),
            ExprKind::Unary { op, operand } => self.check_unary(*op, operand, expr.span),
            ExprKind::Binary { op, left, right } => self.check_binary(*op, left, right, expr.span),
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
            ExprKind::Closure(closure) => self.check_closure(expr, closure),
            ExprKind::ArrayLiteral { ty, items } => self.check_array_literal(ty.as_ref(), items, expected, expr.span),
            ExprKind::MapLiteral { ty, entries } => self.check_map_literal(ty.as_ref(), entries, expected, expr.span),
            ExprKind::JsonLiteral { mutable, explicit, fields } => {
                if let (false, Some(Type::Struct(id))) =
                    (*explicit, expected.map(|e| self.sem.types.get(self.sem.types.strip_optional(e)).clone()))
                {
                    return self.check_struct_fields(id, fields, expr.span);
                }
                for (_, value) in fields {
                    let ty = self.check_expr(value);
                    self.expect_json(ty, value.span);
                }
                if *mutable { Types::MUT_JSON } else { Types::JSON }
            }
            ExprKind::JsonValue { mutable, value } => {
                let ty = self.check_expr(value);
                self.expect_json(ty, value.span);
                if *mutable { Types::MUT_JSON } else { Types::JSON }
            }
            ExprKind::StructLiteral { ty, fields } => match self.resolve_type_ref(ty) {
                Some(Type::Struct(id)) => self.check_struct_fields(id, fields, expr.span),
                Some(_) => {
                    self.report(Diagnostic::error("E0212", "only structs can be built with `Name { … }`", ty.span));
                    Types::ERROR
                }
                None => Types::ERROR,
            },
            ExprKind::Intrinsic(name) => {
                self.not_yet(&format!("intrinsics like `@{}`", name.name), expr.span);
                Types::ERROR
            }
            ExprKind::Error => Types::ERROR,
        }
    }

    fn expect_json(&mut self, ty: TypeId, span: Span) {
        if !self.sem.types.is_json_compatible(ty) {
            let shown = self.sem.types.display(ty);
            self.report(
                Diagnostic::error("E0213", format!("a `{shown}` cannot be stored in Json"), span)
                    .with_note("Json holds strings, numbers, booleans, arrays and maps of those"),
            );
        }
    }

    fn check_struct_fields(&mut self, id: super::types::StructId, fields: &[(Ident, Expr)], span: Span) -> TypeId {
        let info = self.sem.structure(id).clone();
        for (name, value) in fields {
            match info.field(&name.name) {
                Some(ty) => {
                    self.check_expr_expecting(value, Some(ty));
                }
                None => {
                    self.check_expr(value);
                    self.report(
                        Diagnostic::error(
                            "E0214",
                            format!("struct `{}` has no field `{}`", info.qualified, name.name),
                            name.span,
                        )
                        .with_label("unknown field"),
                    );
                }
            }
        }
        for (field, ty) in &info.fields {
            if !self.sem.types.is_optional(*ty) && !fields.iter().any(|(n, _)| &n.name == field) {
                self.report(
                    Diagnostic::error("E0215", format!("missing field `{field}` of struct `{}`", info.qualified), span)
                        .with_label(format!("`{field}` is required")),
                );
            }
        }
        self.sem.types.intern(Type::Struct(id))
    }

    fn resolve_type_ref(&mut self, ty: &UserTypeRef) -> Option<Type> {
        let names: Vec<&str> = ty.path.iter().map(|p| p.name.as_str()).collect();
        let found = match names.as_slice() {
            [name] => self.lookup_type_in_scope(name),
            [module, name] => self.brought_namespace(module).and_then(|ns| {
                let ns = self.namespaces.get(&ns)?;
                ns.classes.get(*name).map(|c| Type::Class(*c)).or_else(|| ns.structs.get(*name).map(|s| Type::Struct(*s)))
            }),
            _ => None,
        };
        if found.is_none() {
            let mut diagnostic = Diagnostic::error("E0202", format!("unknown type `{}`", names.join(".")), ty.span)
                .with_label("no type with this name is in scope");
            if let [module, _] = names.as_slice()
                && self.brought_namespace(module).is_none()
            {
                diagnostic = diagnostic.with_help(format!("add `bring {module};` at the top of the file"));
            }
            self.report(diagnostic);
        }
        found
    }

    pub(super) fn resolve_user_type(&mut self, ann: &TypeAnnotation) -> TypeId {
        self.resolve_type(ann, &TypeScope { local: None, type_params: &[] })
    }

    fn check_member(&mut self, expr: &Expr, object: &Expr, name: &Ident, optional: bool) -> TypeId {
        if let ExprKind::Ident(ident) = &object.kind
            && let Some(ty) = self.check_static_member(expr, object, ident, name)
        {
            return ty;
        }
        let object_ty = match &object.kind {
            ExprKind::Ident(ident) => {
                let ty = self.resolve_name(ident, object.id, Some(&name.name));
                self.sem.expr_types.insert(object.id, ty);
                ty
            }
            _ => self.check_expr(object),
        };
        let types = &self.sem.types;
        let is_optional = types.is_optional(object_ty);
        if is_optional && !optional {
            let shown = types.display(object_ty);
            self.report(
                Diagnostic::error(
                    "E0216",
                    format!("cannot access `{}` of a value that may be nil (`{shown}`)", name.name),
                    name.span,
                )
                .with_help("use `?.` to get nil when the value is nil, or `!` to assert it is set"),
            );
        }
        let receiver = self.sem.types.strip_optional(object_ty);
        let ty = self.member_of(expr, receiver, name);
        if optional && is_optional { self.sem.types.optional(ty) } else { ty }
    }

    /// `cloud.Bucket`, `util.waitUntil`, `str.fromJson`: members of a
    /// namespace or statics of a built-in type. `None` when `object` is a
    /// plain value.
    fn check_static_member(&mut self, expr: &Expr, object: &Expr, ident: &Ident, name: &Ident) -> Option<TypeId> {
        if let Some(ns_name) = self.brought_namespace(&ident.name) {
            self.sem.names.insert(object.id, NameRef::Namespace(ns_name.clone()));
            self.sem.expr_types.insert(object.id, Types::VOID);
            let ns = &self.namespaces[&ns_name];
            if let Some(target) = ns.functions.get(&name.name).cloned() {
                let ty = self.sem.types.intern(Type::Function(target.signature.clone()));
                self.sem.members.insert(expr.id, MemberRef::Extern { target, is_property: false });
                return Some(ty);
            }
            if let Some(class) = ns.classes.get(&name.name).copied() {
                self.sem.members.insert(expr.id, MemberRef::Class(class));
                return Some(Types::VOID);
            }
            if let Some(id) = ns.structs.get(&name.name).copied() {
                self.sem.members.insert(expr.id, MemberRef::Struct(id));
                return Some(Types::VOID);
            }
            let candidates: Vec<String> =
                ns.functions.keys().chain(ns.classes.keys()).chain(ns.structs.keys()).cloned().collect();
            let mut diagnostic = Diagnostic::error("E0110", format!("`{}` has no member `{}`", ns_name, name.name), name.span)
                .with_label("not found in this module");
            if let Some(best) = super::scope::closest_name(&name.name, candidates.iter().map(String::as_str)) {
                diagnostic = diagnostic.with_help(format!("did you mean `{ns_name}.{best}`?"));
            }
            self.report(diagnostic);
            return Some(Types::ERROR);
        }
        if self.lookup(&ident.name).is_some() {
            return None;
        }
        let class = *self.builtin.get(&ident.name)?;
        self.sem.expr_types.insert(object.id, Types::VOID);
        self.sem.names.insert(object.id, NameRef::Class(class));
        let info = self.sem.class(class).clone();
        match info.member(&name.name).filter(|m| m.is_static) {
            Some(member) => Some(self.use_member(expr, class, &info.qualified, member, &HashMap::new(), name.span)),
            None => {
                self.report(
                    Diagnostic::error("E0111", format!("`{}` has no static member `{}`", info.qualified, name.name), name.span)
                        .with_label("unknown member"),
                );
                Some(Types::ERROR)
            }
        }
    }

    /// Member `name` of a value of type `receiver`.
    fn member_of(&mut self, expr: &Expr, receiver: TypeId, name: &Ident) -> TypeId {
        let (class, substitution) = match self.sem.types.get(receiver).clone() {
            Type::Error => return Types::ERROR,
            Type::Class(c) => (Some(c), HashMap::new()),
            Type::Struct(s) => {
                let info = self.sem.structure(s);
                return match info.field(&name.name) {
                    Some(ty) => {
                        self.sem.members.insert(expr.id, MemberRef::StructField(name.name.clone()));
                        ty
                    }
                    None => {
                        let message = format!("struct `{}` has no field `{}`", info.qualified, name.name);
                        self.report(Diagnostic::error("E0214", message, name.span).with_label("unknown field"));
                        Types::ERROR
                    }
                };
            }
            Type::Str => (self.builtin.get("str").copied(), HashMap::new()),
            Type::Num => (self.builtin.get("num").copied(), HashMap::new()),
            Type::Bool => (self.builtin.get("bool").copied(), HashMap::new()),
            Type::Duration => (self.builtin.get("duration").copied(), HashMap::new()),
            Type::Json | Type::MutJson => (self.builtin.get("Json").copied(), HashMap::new()),
            Type::Array(t) | Type::MutArray(t) => (self.builtin.get("Array").copied(), HashMap::from([("T".to_string(), t)])),
            Type::Map(t) | Type::MutMap(t) => (self.builtin.get("Map").copied(), HashMap::from([("T".to_string(), t)])),
            _ => (None, HashMap::new()),
        };
        let shown = self.sem.types.display(receiver);
        let Some(class) = class else {
            self.report(
                Diagnostic::error("E0111", format!("a `{shown}` has no members"), name.span).with_label("unknown member"),
            );
            return Types::ERROR;
        };
        let info = self.sem.class(class).clone();
        match info.member(&name.name).filter(|m| !m.is_static) {
            Some(member) => self.use_member(expr, class, &shown, member, &substitution, name.span),
            None => {
                let mut diagnostic = Diagnostic::error("E0111", format!("`{shown}` has no member `{}`", name.name), name.span)
                    .with_label("unknown member");
                let names = info.members.iter().filter(|m| !m.is_static).map(|m| m.name.as_str());
                if let Some(best) = super::scope::closest_name(&name.name, names) {
                    diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
                }
                self.report(diagnostic);
                Types::ERROR
            }
        }
    }

    /// Records a use of a stdlib member and checks its phase.
    fn use_member(
        &mut self,
        expr: &Expr,
        class: ClassId,
        shown: &str,
        member: &MemberInfo,
        substitution: &HashMap<String, TypeId>,
        span: Span,
    ) -> TypeId {
        self.check_member_phase(member, shown, span);
        let info = self.sem.class(class);
        let import_name = format!("{}.{}", info.name, member.name);
        let module = info.module.clone();
        let (declared, is_property) = match &member.kind {
            MemberKind::Method(sig) => (sig.clone(), false),
            MemberKind::Property(ty) => (FunctionType { phase: member.phase, params: Vec::new(), result: *ty }, true),
        };
        let signature = self.substitute_signature(&declared, substitution);
        let target = ExternRef {
            module,
            name: import_name,
            signature: signature.clone(),
            declared,
            has_receiver: !member.is_static,
            phase: member.phase,
        };
        self.sem.members.insert(expr.id, MemberRef::Extern { target, is_property });
        if is_property { signature.result } else { self.sem.types.intern(Type::Function(signature)) }
    }

    fn check_member_phase(&mut self, member: &MemberInfo, owner: &str, span: Span) {
        let here = self.phase();
        let wrong = match (member.phase, here) {
            (Phase::Inflight, Phase::Preflight) => {
                Some(("inflight", "preflight", "call it from an inflight closure or a `test`"))
            }
            (Phase::Preflight, Phase::Inflight) => {
                Some(("preflight", "inflight", "call it at the top level, outside of inflight code"))
            }
            _ => None,
        };
        if let Some((member_phase, phase, help)) = wrong {
            self.report(
                Diagnostic::error(
                    "E0303",
                    format!("cannot use the {member_phase} member `{}` of `{owner}` in {phase} code", member.name),
                    span,
                )
                .with_label(format!("`{}` is {member_phase}", member.name))
                .with_help(help),
            );
        }
    }

    pub(super) fn substitute(&mut self, ty: TypeId, substitution: &HashMap<String, TypeId>) -> TypeId {
        if substitution.is_empty() {
            return ty;
        }
        match self.sem.types.get(ty).clone() {
            Type::Param(name) => substitution.get(&name).copied().unwrap_or(ty),
            Type::Optional(inner) => {
                let inner = self.substitute(inner, substitution);
                self.sem.types.optional(inner)
            }
            Type::Array(inner) => {
                let inner = self.substitute(inner, substitution);
                self.sem.types.intern(Type::Array(inner))
            }
            Type::MutArray(inner) => {
                let inner = self.substitute(inner, substitution);
                self.sem.types.intern(Type::MutArray(inner))
            }
            Type::Map(inner) => {
                let inner = self.substitute(inner, substitution);
                self.sem.types.intern(Type::Map(inner))
            }
            Type::MutMap(inner) => {
                let inner = self.substitute(inner, substitution);
                self.sem.types.intern(Type::MutMap(inner))
            }
            Type::Function(f) => {
                let sig = self.substitute_signature(&f, substitution);
                self.sem.types.intern(Type::Function(sig))
            }
            _ => ty,
        }
    }

    fn substitute_signature(&mut self, sig: &FunctionType, substitution: &HashMap<String, TypeId>) -> FunctionType {
        FunctionType {
            phase: sig.phase,
            params: sig.params.iter().map(|p| self.substitute(*p, substitution)).collect(),
            result: self.substitute(sig.result, substitution),
        }
    }

    fn check_call(&mut self, expr: &Expr, callee: &Expr, args: &[Arg]) -> TypeId {
        let callee_ty = self.check_expr(callee);
        let signature = match self.sem.types.get(callee_ty) {
            Type::Function(f) => f.clone(),
            Type::Error => {
                for arg in args {
                    self.check_expr(&arg.value);
                }
                return Types::ERROR;
            }
            _ => {
                let shown = self.sem.types.display(callee_ty);
                self.report(
                    Diagnostic::error("E0217", format!("a `{shown}` cannot be called"), callee.span).with_label("not a function"),
                );
                for arg in args {
                    self.check_expr(&arg.value);
                }
                return Types::ERROR;
            }
        };
        if let Some(NameRef::Extern(target)) = self.sem.names.get(callee.id) {
            let target = target.clone();
            self.check_extern_call_phase(&target, callee.span);
        }
        let (call, result) = self.check_args(&signature, args, expr.span);
        self.sem.calls.insert(expr.id, call);
        result
    }

    fn check_extern_call_phase(&mut self, target: &ExternRef, span: Span) {
        if target.phase == Phase::Inflight && self.phase() == Phase::Preflight {
            self.report(
                Diagnostic::error(
                    "E0303",
                    format!("cannot call the inflight function `{}` in preflight code", target.name),
                    span,
                )
                .with_help("call it from an inflight closure or a `test`"),
            );
        }
    }

    /// Maps written arguments onto parameters: positional first, then named
    /// arguments expand into a trailing struct parameter; omitted optional
    /// parameters become nil. Infers generic parameters from arguments.
    fn check_args(&mut self, signature: &FunctionType, args: &[Arg], span: Span) -> (CallInfo, TypeId) {
        let positional: Vec<&Arg> = args.iter().take_while(|a| a.name.is_none()).collect();
        let named: Vec<(usize, &Arg)> = args.iter().enumerate().skip(positional.len()).collect();
        for (_, arg) in &named {
            if arg.name.is_none() {
                self.report(Diagnostic::error("E0218", "positional arguments must come before named arguments", arg.value.span));
            }
        }
        let mut substitution = HashMap::new();
        let mut slots = Vec::new();
        let mut params = Vec::new();
        for (i, declared) in signature.params.iter().enumerate() {
            let param = self.substitute(*declared, &substitution);
            if let Some(arg) = positional.get(i) {
                let ty = self.check_expr_expecting(&arg.value, self.known_type(param));
                self.bind_type_params(param, ty, &mut substitution);
                let param = self.substitute(param, &substitution);
                self.expect_assignable(ty, param, arg.value.span);
                slots.push(ArgSlot::Positional(i));
                params.push(param);
                continue;
            }
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
                        format!(
                            "expected {} argument{}, found {}",
                            signature.params.len(),
                            plural(signature.params.len()),
                            positional.len()
                        ),
                        span,
                    )
                    .with_label(format!("missing an argument of type `{}`", self.sem.types.display(param))),
                );
                slots.push(ArgSlot::Missing);
            }
            params.push(param);
        }
        if positional.len() > signature.params.len() {
            for arg in &positional[signature.params.len()..] {
                self.check_expr(&arg.value);
            }
            self.report(
                Diagnostic::error(
                    "E0219",
                    format!(
                        "expected {} argument{}, found {}",
                        signature.params.len(),
                        plural(signature.params.len()),
                        positional.len()
                    ),
                    positional[signature.params.len()].value.span,
                )
                .with_label("unexpected argument"),
            );
        }
        let expanded = slots.iter().any(|s| matches!(s, ArgSlot::Expanded { .. }));
        if !named.is_empty() && !expanded {
            for (_, arg) in &named {
                self.check_expr(&arg.value);
            }
            let first = named[0].1;
            self.report(
                Diagnostic::error(
                    "E0220",
                    "this function takes no named arguments",
                    first.name.as_ref().map_or(first.value.span, |n| n.span),
                )
                .with_note("named arguments fill the fields of a struct that is the last parameter"),
            );
        }
        let result = self.substitute(signature.result, &substitution);
        (CallInfo { slots, params }, result)
    }

    fn expand_struct_arg(&mut self, id: super::types::StructId, named: &[(usize, &Arg)], _span: Span) -> ArgSlot {
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
                    if let Some(best) = super::scope::closest_name(&name.name, names) {
                        diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
                    }
                    self.report(diagnostic);
                }
            }
        }
        ArgSlot::Expanded { fields }
    }

    /// The parameter type as a hint, unless it still mentions a type
    /// parameter.
    fn known_type(&self, ty: TypeId) -> Option<TypeId> {
        (!self.mentions_param(ty)).then_some(ty)
    }

    fn mentions_param(&self, ty: TypeId) -> bool {
        match self.sem.types.get(ty) {
            Type::Param(_) => true,
            Type::Optional(t) | Type::Array(t) | Type::MutArray(t) | Type::Map(t) | Type::MutMap(t) => self.mentions_param(*t),
            Type::Function(f) => f.params.iter().any(|p| self.mentions_param(*p)) || self.mentions_param(f.result),
            _ => false,
        }
    }

    fn bind_type_params(&mut self, param: TypeId, arg: TypeId, substitution: &mut HashMap<String, TypeId>) {
        match (self.sem.types.get(param).clone(), self.sem.types.get(arg).clone()) {
            (Type::Param(name), _) => {
                substitution.entry(name).or_insert(arg);
            }
            (Type::Optional(p), Type::Optional(a)) => self.bind_type_params(p, a, substitution),
            (Type::Optional(p), _) => self.bind_type_params(p, arg, substitution),
            (Type::Array(p) | Type::MutArray(p), Type::Array(a) | Type::MutArray(a)) => self.bind_type_params(p, a, substitution),
            (Type::Map(p) | Type::MutMap(p), Type::Map(a) | Type::MutMap(a)) => self.bind_type_params(p, a, substitution),
            _ => {}
        }
    }

    fn check_index(&mut self, object: &Expr, index: &Expr) -> TypeId {
        let object_ty = self.check_expr(object);
        match self.sem.types.get(object_ty).clone() {
            Type::Array(item) | Type::MutArray(item) => {
                self.check_expr_expecting(index, Some(Types::NUM));
                item
            }
            Type::Map(item) | Type::MutMap(item) => {
                self.check_expr_expecting(index, Some(Types::STR));
                item
            }
            Type::Json | Type::MutJson => {
                let ty = self.check_expr(index);
                if ty != Types::STR && ty != Types::NUM && ty != Types::ERROR {
                    self.report(Diagnostic::error(
                        "E0222",
                        "a Json value is indexed by a `str` key or a `num` position",
                        index.span,
                    ));
                }
                object_ty
            }
            Type::Error => {
                self.check_expr(index);
                Types::ERROR
            }
            _ => {
                self.check_expr(index);
                let shown = self.sem.types.display(object_ty);
                self.report(Diagnostic::error("E0222", format!("a `{shown}` cannot be indexed"), object.span));
                Types::ERROR
            }
        }
    }

    fn check_unary(&mut self, op: UnaryOp, operand: &Expr, span: Span) -> TypeId {
        match op {
            UnaryOp::Neg => self.check_expr_expecting(operand, Some(Types::NUM)),
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

    fn check_binary(&mut self, op: BinaryOp, left: &Expr, right: &Expr, span: Span) -> TypeId {
        match op {
            BinaryOp::Add => {
                let l = self.check_expr(left);
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
                let l = self.check_expr(left);
                let expected = if l == Types::STR { Types::STR } else { Types::NUM };
                self.expect_assignable(l, expected, left.span);
                self.check_expr_expecting(right, Some(expected));
                Types::BOOL
            }
            BinaryOp::Eq | BinaryOp::NotEq => {
                let l = self.check_expr(left);
                let r = self.check_expr(right);
                let types = &self.sem.types;
                if !types.is_assignable(l, r) && !types.is_assignable(r, l) {
                    let (ls, rs) = (types.display(l), types.display(r));
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
                let r = self.check_expr_expecting(right, Some(inner));
                if self.sem.types.is_optional(r) { l } else { inner }
            }
        }
    }

    fn check_new(&mut self, expr: &Expr, class: &UserTypeRef, args: &[Arg], id: Option<&Expr>, scope: Option<&Expr>) -> TypeId {
        let class_id = match self.resolve_type_ref(class) {
            Some(Type::Class(c)) => c,
            Some(_) => {
                self.report(Diagnostic::error("E0225", "only classes can be created with `new`", class.span));
                return Types::ERROR;
            }
            None => {
                for arg in args {
                    self.check_expr(&arg.value);
                }
                return Types::ERROR;
            }
        };
        let info = self.sem.class(class_id).clone();
        if info.is_resource && self.phase() == Phase::Inflight {
            self.report(
                Diagnostic::error(
                    "E0304",
                    format!("cannot create the resource `{}` in inflight code", info.qualified),
                    expr.span,
                )
                .with_label("resources can only be created preflight")
                .with_note("resources are created when the app is compiled and deployed, not while it runs")
                .with_help("create it at the top level and use it from the inflight code"),
            );
        }
        let Some(constructor) = info.constructor.clone() else {
            self.report(Diagnostic::error("E0226", format!("`{}` cannot be created with `new`", info.qualified), class.span));
            return Types::ERROR;
        };
        let (call, _) = self.check_args(&constructor, args, expr.span);
        if let Some(id) = id {
            self.check_expr_expecting(id, Some(Types::STR));
        }
        if let Some(scope) = scope {
            let ty = self.check_expr(scope);
            if !matches!(self.sem.types.get(ty), Type::Class(_) | Type::Error) {
                self.report(Diagnostic::error("E0227", "the scope of `new … in` must be a resource", scope.span));
            }
        }
        self.sem.news.insert(expr.id, NewInfo { class: class_id, call });
        self.sem.types.intern(Type::Class(class_id))
    }

    fn check_closure(&mut self, expr: &Expr, closure: &Closure) -> TypeId {
        let phase = match closure.phase {
            Phase::Inflight => Phase::Inflight,
            _ => self.phase(),
        };
        let param_types: Vec<TypeId> = closure.params.iter().map(|p| self.resolve_user_type(&p.ty)).collect();
        let declared = closure.return_type.as_ref().map(|t| self.resolve_user_type(t));
        self.push_function(phase, declared);
        let saved_loops = std::mem::take(&mut self.loop_depth);
        let params: Vec<_> =
            closure.params.iter().zip(&param_types).map(|(p, ty)| self.declare_var(&p.name, *ty, p.reassignable)).collect();
        self.check_block_stmts(&closure.body.stmts);
        self.loop_depth = saved_loops;
        let context = self.pop_function();
        let result = declared.or(context.inferred_result).unwrap_or(Types::VOID);
        let ty = self.sem.types.intern(Type::Function(FunctionType { phase, params: param_types, result }));
        let outer_is_preflight = self.phase() == Phase::Preflight;
        if phase == Phase::Inflight && !outer_is_preflight {
            debug_assert!(context.lifts.is_empty(), "lifts go to the outermost inflight function");
        }
        self.sem
            .closures
            .insert(expr.id, ClosureInfo { phase, params, result, ty, captures: context.captures, lifts: context.lifts });
        ty
    }

    fn check_array_literal(
        &mut self,
        ty: Option<&TypeAnnotation>,
        items: &[Expr],
        expected: Option<TypeId>,
        span: Span,
    ) -> TypeId {
        let written = ty.map(|t| self.resolve_user_type(t));
        let hint = written.or(expected).map(|t| self.sem.types.strip_optional(t));
        let (mutable, item_hint) = match hint.map(|h| self.sem.types.get(h).clone()) {
            Some(Type::Array(item)) => (false, Some(item)),
            Some(Type::MutArray(item)) => (true, Some(item)),
            Some(Type::Json | Type::MutJson) => {
                for item in items {
                    let ty = self.check_expr(item);
                    self.expect_json(ty, item.span);
                }
                return Types::JSON;
            }
            _ => (false, None),
        };
        if written.is_some() && item_hint.is_none() {
            self.report(Diagnostic::error("E0228", "a `[…]` literal builds an `Array` or a `MutArray`", span));
        }
        let mut item_ty = item_hint;
        for item in items {
            let ty = self.check_expr_expecting(item, item_ty);
            item_ty.get_or_insert(ty);
        }
        let Some(item) = item_ty else {
            self.report(
                Diagnostic::error("E0229", "cannot tell the element type of an empty array", span)
                    .with_help("write the type: `Array<str>[]` or `MutArray<num>[]`"),
            );
            return Types::ERROR;
        };
        self.sem.types.intern(if mutable { Type::MutArray(item) } else { Type::Array(item) })
    }

    fn check_map_literal(
        &mut self,
        ty: Option<&TypeAnnotation>,
        entries: &[(Expr, Expr)],
        expected: Option<TypeId>,
        span: Span,
    ) -> TypeId {
        let written = ty.map(|t| self.resolve_user_type(t));
        let hint = written.or(expected).map(|t| self.sem.types.strip_optional(t));
        let (mutable, value_hint) = match hint.map(|h| self.sem.types.get(h).clone()) {
            Some(Type::Map(v)) => (false, Some(v)),
            Some(Type::MutMap(v)) => (true, Some(v)),
            _ => (false, None),
        };
        let mut value_ty = value_hint;
        for (key, value) in entries {
            self.check_expr_expecting(key, Some(Types::STR));
            let ty = self.check_expr_expecting(value, value_ty);
            value_ty.get_or_insert(ty);
        }
        let Some(value) = value_ty else {
            self.report(
                Diagnostic::error("E0229", "cannot tell the value type of an empty map", span)
                    .with_help("write the type: `Map<str>{}` or `MutMap<num>{}`"),
            );
            return Types::ERROR;
        };
        self.sem.types.intern(if mutable { Type::MutMap(value) } else { Type::Map(value) })
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}
