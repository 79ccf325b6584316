//! Member access: takes `object.name`, gives its type and what it refers
//! to (a field, a method, a stdlib member, an enum variant, a type in a
//! module, a static method); checks visibility and phase, and records how a
//! lifted value is used along its path (see `lifting.rs`).

use super::Checker;
use super::lifting::{Path, PathUse};
use super::model::{MemberRef, MethodReceiver, NameRef, RESOURCE_FIELD, StructOp};
use super::scope::Binding;
use super::symbols::{ClassKind, MemberInfo, MemberKind, TypeRef};
use super::types::{ClassId, FunctionType, StructId, Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Expr, ExprKind, Ident, Phase, Span, Visibility};
use std::collections::HashMap;

/// A lifted path with the lift root it is recorded in.
type LiftPath = (usize, Path);

/// What the object of a member access is.
pub(super) enum Object {
    Namespace(String),
    Type(TypeRef),
    /// A built-in type's static members (`Json.parse`, `str.fromJson`).
    Builtin(ClassId),
    Value {
        ty: TypeId,
        path: Option<LiftPath>,
        is_super: bool,
    },
}

/// What a member access gives.
enum Resolved {
    Type(TypeRef),
    /// A subdirectory of a brought directory (`lib.nested`).
    Namespace(String),
    Value {
        ty: TypeId,
        use_kind: UseKind,
    },
}

/// How the member uses its object, for lifting.
enum UseKind {
    /// A field or property read: the path goes one step further.
    Field(String),
    /// An inflight method (or resource property) of a class: an operation.
    Operation(String, Option<ClassId>),
    /// Anything else done with the object's value (a built-in method).
    WholeObject,
    /// Nothing to record (static members).
    Static,
}

impl Checker {
    /// `object.name` used as a value.
    pub(super) fn check_member(&mut self, expr: &Expr, object: &Expr, name: &Ident, optional: bool) -> TypeId {
        let target = self.check_object(object);
        let receiver_path = match &target {
            Object::Value { path, .. } => path.clone(),
            _ => None,
        };
        let receiver_class = match &target {
            Object::Value { ty, .. } => self.class_of(*ty),
            _ => None,
        };
        match self.resolve_member(expr, target, name, optional) {
            Resolved::Namespace(ns) => {
                self.report(
                    Diagnostic::error("E0112", format!("the module `{}` is not a value", name.name), expr.span)
                        .with_help(format!("use one of its members: `{}.…`", name.name)),
                );
                self.sem.names.insert(expr.id, NameRef::Namespace(ns));
                Types::ERROR
            }
            Resolved::Type(found) => {
                let shown = self.type_ref_name(found);
                self.report(
                    Diagnostic::error("E0113", format!("the type `{shown}` is not a value"), expr.span)
                        .with_help("create a value with `new` or a literal, or use one of its static members"),
                );
                Types::ERROR
            }
            Resolved::Value { ty, use_kind } => {
                if let UseKind::Operation(_, _) = &use_kind
                    && !self.callees.contains(&expr.id)
                {
                    self.note_method_escape(expr);
                }
                self.record_member_use(receiver_path, receiver_class, use_kind, ty, expr.span);
                ty
            }
        }
    }

    /// A method used as a value (not called): its callers cannot be
    /// traced.
    fn note_method_escape(&mut self, expr: &Expr) {
        for decl in self.method_decls(expr) {
            self.pending_flows.escapes.push((decl, expr.span));
        }
    }

    fn record_member_use(&mut self, path: Option<LiftPath>, class: Option<ClassId>, use_kind: UseKind, ty: TypeId, span: Span) {
        match (use_kind, path) {
            (UseKind::Field(field), Some((root, mut path))) => {
                path.fields.push(field);
                self.record_whole_use(root, &path, ty);
            }
            (UseKind::Operation(op, _), Some((root, path))) => self.record_lift(root, &path, PathUse::Call(op)),
            (UseKind::WholeObject, Some((root, path))) => self.record_lift(root, &path, PathUse::Whole),
            (UseKind::Operation(op, Some(class)), None) if self.sem.class(class).kind == ClassKind::Resource => {
                self.report_untraced_resource(class, &op, span);
            }
            (UseKind::Operation(op, Some(class)), None) => self.record_untracked(class, &[], PathUse::Call(op)),
            (UseKind::Field(field), None) => {
                if let Some(class) = class {
                    self.record_untracked(class, &[field], PathUse::Whole);
                }
            }
            _ => {}
        }
    }

    /// The object of a member access, without recording a use of its whole
    /// value: a name, or a chain of field reads, keeps its lifted path.
    pub(super) fn check_object(&mut self, object: &Expr) -> Object {
        match &object.kind {
            ExprKind::Ident(ident) => self.check_object_name(object, ident),
            ExprKind::Member { object: inner, name, .. } if let Some(class) = self.std_namespace_class(inner, name) => {
                self.sem.expr_types.insert(inner.id, Types::VOID);
                self.sem.expr_types.insert(object.id, Types::VOID);
                Object::Builtin(class)
            }
            ExprKind::Member { object: inner, name, optional } => {
                let target = self.check_object(inner);
                let (path, class) = match &target {
                    Object::Value { path, ty, .. } => (path.clone(), self.class_of(*ty)),
                    _ => (None, None),
                };
                match self.resolve_member(object, target, name, *optional) {
                    Resolved::Type(found) => Object::Type(found),
                    Resolved::Namespace(ns) => Object::Namespace(ns),
                    Resolved::Value { ty, use_kind: UseKind::Field(field) } => {
                        let path = path.map(|(root, mut p)| {
                            p.fields.push(field);
                            (root, p)
                        });
                        if path.is_none()
                            && let Some(class) = class
                        {
                            self.record_untracked(class, std::slice::from_ref(&name.name), PathUse::Whole);
                        }
                        Object::Value { ty, path, is_super: false }
                    }
                    Resolved::Value { ty, use_kind } => {
                        self.record_member_use(path, class, use_kind, ty, object.span);
                        Object::Value { ty, path: None, is_super: false }
                    }
                }
            }
            _ => Object::Value { ty: self.check_expr(object), path: None, is_super: false },
        }
    }

    /// `std.Json`, `std.Duration`, …: a built-in type named through the
    /// `std` namespace (when no user name `std` hides it).
    fn std_namespace_class(&self, namespace: &Expr, name: &Ident) -> Option<ClassId> {
        let ExprKind::Ident(ident) = &namespace.kind else { return None };
        if ident.name != "std" || self.lookup("std").is_some() {
            return None;
        }
        let builtin = super::annotations::std_type_name(&name.name)?;
        self.builtin.get(builtin).copied()
    }

    fn check_object_name(&mut self, object: &Expr, ident: &Ident) -> Object {
        if ident.name == "super" && self.lookup("super").is_none() {
            return self.check_super(object, ident);
        }
        let target = match self.lookup(&ident.name).cloned() {
            Some(Binding::Namespace(ns)) => {
                self.sem.names.insert(object.id, NameRef::Namespace(ns.clone()));
                Object::Namespace(ns)
            }
            Some(Binding::Type(found)) => {
                self.sem.names.insert(object.id, NameRef::Type(found));
                Object::Type(found)
            }
            Some(Binding::Var(var)) => {
                let (ty, path) = self.use_var(var, ident.span);
                self.sem.names.insert(object.id, NameRef::Var(var));
                self.sem.expr_types.insert(object.id, ty);
                return Object::Value { ty, path, is_super: false };
            }
            Some(Binding::Extern(_) | Binding::ErasedType) => {
                return Object::Value { ty: self.check_expr(object), path: None, is_super: false };
            }
            None => match self.builtin.get(&ident.name).copied() {
                Some(class) => Object::Builtin(class),
                None => return Object::Value { ty: self.check_expr(object), path: None, is_super: false },
            },
        };
        self.sem.expr_types.insert(object.id, Types::VOID);
        target
    }

    /// `super` as the object of `super.method(…)`: `this`, seen as the
    /// parent class.
    fn check_super(&mut self, object: &Expr, ident: &Ident) -> Object {
        let parent = self.current_class().and_then(|c| self.sem.class(c).parent);
        let this = match self.lookup("this").cloned() {
            Some(Binding::Var(var)) => Some(var),
            _ => None,
        };
        let (Some(parent), Some(this)) = (parent, this) else {
            self.report(
                Diagnostic::error("E0142", "`super` needs a method of a class that extends another", ident.span)
                    .with_label("there is no parent class here")
                    .with_help("add `extends Parent` to the class, or call the method on `this`"),
            );
            return Object::Value { ty: Types::ERROR, path: None, is_super: false };
        };
        let (_, path) = self.use_var(this, ident.span);
        let ty = self.sem.types.intern(Type::Class(parent));
        self.sem.names.insert(object.id, NameRef::Var(this));
        self.sem.expr_types.insert(object.id, ty);
        Object::Value { ty, path, is_super: true }
    }

    /// The class whose members a value of this type has, if it is an
    /// instance of a resource or user class.
    pub(super) fn class_of(&self, ty: TypeId) -> Option<ClassId> {
        match self.sem.types.get(self.sem.types.strip_optional(ty)) {
            Type::Class(c) if self.sem.class(*c).kind != ClassKind::Builtin => Some(*c),
            _ => None,
        }
    }

    fn resolve_member(&mut self, expr: &Expr, object: Object, name: &Ident, optional: bool) -> Resolved {
        let resolved = match object {
            Object::Namespace(ns) => self.namespace_member(expr, &ns, name),
            Object::Type(found) => self.static_member(expr, found, name),
            Object::Builtin(class) => self.builtin_static_member(expr, class, name),
            Object::Value { ty, path, is_super } => self.instance_member(expr, ty, path.is_some(), is_super, name, optional),
        };
        if let Resolved::Value { ty, .. } = &resolved {
            self.sem.expr_types.insert(expr.id, *ty);
        }
        resolved
    }

    fn namespace_member(&mut self, expr: &Expr, ns: &str, name: &Ident) -> Resolved {
        let namespace = &self.namespaces[ns];
        if namespace.failed {
            return Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static };
        }
        if let Some(target) = namespace.functions.get(&name.name).cloned() {
            if target.phase == Phase::Preflight && self.phase() == Phase::Inflight {
                self.report(
                    Diagnostic::error(
                        "E0303",
                        format!("cannot call the preflight function `{}.{}` in inflight code", ns_alias(expr), name.name),
                        expr.span,
                    )
                    .with_label("it runs when the app is compiled")
                    .with_help("call it preflight and use its result inflight"),
                );
            }
            let ty = self.sem.types.function(target.signature.clone());
            self.sem.members.insert(expr.id, MemberRef::Extern { target, is_property: false });
            return Resolved::Value { ty, use_kind: UseKind::Static };
        }
        if let Some(target) = namespace.constants.get(&name.name).cloned() {
            let ty = target.signature.result;
            self.sem.members.insert(expr.id, MemberRef::Extern { target, is_property: true });
            return Resolved::Value { ty, use_kind: UseKind::Static };
        }
        if let Some(found) = namespace.types.get(&name.name).copied() {
            self.sem.members.insert(expr.id, MemberRef::Type(found));
            return Resolved::Type(found);
        }
        if let Some(child) = namespace.children.get(&name.name) {
            return Resolved::Namespace(child.clone());
        }
        if namespace.private.contains_key(&name.name) {
            self.report_unknown_type(&[ns_alias(expr), &name.name], name.span, Default::default());
            return Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static };
        }
        let shown = ns.strip_prefix("file:").map_or_else(|| ns.to_string(), |p| format!("\"{}\"", p.trim_end_matches('/')));
        let mut diagnostic = Diagnostic::error("E0110", format!("`{shown}` has no member `{}`", name.name), name.span)
            .with_label("not found in this module");
        if let Some(best) = super::scope::closest_name(&name.name, namespace.names(), &self.suggestions_left) {
            diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
        }
        self.report(diagnostic);
        Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static }
    }

    fn static_member(&mut self, expr: &Expr, found: TypeRef, name: &Ident) -> Resolved {
        let value = |ty| Resolved::Value { ty, use_kind: UseKind::Static };
        match found {
            TypeRef::Enum(id) => {
                let info = self.sem.enumeration(id);
                if info.variants.contains(&name.name) {
                    self.sem.members.insert(expr.id, MemberRef::EnumVariant { id, name: name.name.clone() });
                    return value(self.sem.types.intern(Type::Enum(id)));
                }
                let mut diagnostic = Self::with_variants(
                    Diagnostic::error(
                        "E0111",
                        format!("the enum `{}` has no variant `{}`", info.qualified, name.name),
                        name.span,
                    )
                    .with_label("unknown variant"),
                    &info.variants,
                );
                if let Some(best) =
                    super::scope::closest_name(&name.name, info.variants.iter().map(String::as_str), &self.suggestions_left)
                {
                    diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
                }
                self.report(diagnostic);
                value(Types::ERROR)
            }
            TypeRef::Struct(id) => {
                let op = match name.name.as_str() {
                    "fromJson" => StructOp::FromJson,
                    "tryFromJson" => StructOp::TryFromJson,
                    "parseJson" => StructOp::ParseJson,
                    "tryParseJson" => StructOp::TryParseJson,
                    _ => {
                        self.report(
                            Diagnostic::error(
                                "E0111",
                                format!("the struct `{}` has no static member `{}`", self.sem.structure(id).qualified, name.name),
                                name.span,
                            )
                            .with_note("structs have `fromJson`, `tryFromJson`, `parseJson` and `tryParseJson`"),
                        );
                        return value(Types::ERROR);
                    }
                };
                let struct_ty = self.sem.types.intern(Type::Struct(id));
                if !self.sem.is_json_data(struct_ty) {
                    self.report_not_from_json(id, name);
                }
                let (param, result) = match op {
                    StructOp::FromJson => (Types::JSON, struct_ty),
                    StructOp::TryFromJson => (Types::JSON, self.sem.types.optional(struct_ty)),
                    StructOp::ParseJson => (Types::STR, struct_ty),
                    // As Wing: a text that may be missing gives nil.
                    StructOp::TryParseJson => (self.sem.types.optional(Types::STR), self.sem.types.optional(struct_ty)),
                };
                self.sem.members.insert(expr.id, MemberRef::StructStatic { id, op });
                value(self.sem.types.function(FunctionType::new(Phase::Independent, vec![param], result)))
            }
            TypeRef::Class(class) if self.sem.class(class).kind == ClassKind::User => self.user_static_member(expr, class, name),
            TypeRef::Class(class) => self.builtin_static_member(expr, class, name),
            TypeRef::Interface(id) => {
                self.report(Diagnostic::error(
                    "E0111",
                    format!("the interface `{}` has no static members", self.sem.interface(id).qualified),
                    name.span,
                ));
                value(Types::ERROR)
            }
        }
    }

    fn user_static_member(&mut self, expr: &Expr, class: ClassId, name: &Ident) -> Resolved {
        let found = self.sem.find_member(class, &name.name).map(|(c, m)| (c, m.clone()));
        match found {
            Some((owner, member)) if member.is_static => {
                self.check_visibility(owner, &member, name.span);
                self.check_member_phase(&member, &self.sem.class(owner).name.clone(), name.span);
                let MemberKind::Method(sig) = &member.kind else {
                    return Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static };
                };
                let ty = self.sem.types.function(FunctionType { phase: member.phase, ..sig.clone() });
                self.sem.members.insert(expr.id, MemberRef::StaticMethod { class: owner, name: name.name.clone() });
                Resolved::Value { ty, use_kind: UseKind::Static }
            }
            Some(_) => {
                self.report(
                    Diagnostic::error("E0111", format!("`{}` is not static", name.name), name.span)
                        .with_help("call it on an instance of the class"),
                );
                Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static }
            }
            None => {
                self.report_no_member(&self.sem.class(class).qualified.clone(), class, name, true);
                Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static }
            }
        }
    }

    fn builtin_static_member(&mut self, expr: &Expr, class: ClassId, name: &Ident) -> Resolved {
        let found = self.sem.find_member(class, &name.name).filter(|(_, m)| m.is_static).map(|(c, m)| (c, m.clone()));
        match found {
            Some((owner, member)) => {
                let ty = self.use_extern_member(
                    expr,
                    owner,
                    &self.sem.class(class).qualified.clone(),
                    &member,
                    &HashMap::new(),
                    name.span,
                );
                Resolved::Value { ty, use_kind: UseKind::Static }
            }
            None => {
                self.report_no_member(&self.sem.class(class).qualified.clone(), class, name, true);
                Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static }
            }
        }
    }

    fn instance_member(
        &mut self,
        expr: &Expr,
        ty: TypeId,
        lifted: bool,
        is_super: bool,
        name: &Ident,
        optional: bool,
    ) -> Resolved {
        let types = &self.sem.types;
        if types.is_optional(ty) && !optional && ty != Types::NIL {
            let shown = types.display(ty);
            self.report(
                Diagnostic::error(
                    "E0216",
                    format!("cannot access `{}` of a value that may be nil (`{shown}`)", name.name),
                    name.span,
                )
                .with_help("use `?.` to get nil when the value is nil, or `!` to assert it is set"),
            );
        } else if optional && !types.is_optional(ty) && ty != Types::ERROR {
            let shown = types.display(ty);
            self.report(
                Diagnostic::error("E0223", format!("`?.` needs an optional value, found `{shown}`"), name.span)
                    .with_label("this value is never nil")
                    .with_help("use `.`"),
            );
        }
        let receiver = self.sem.types.strip_optional(ty);
        let resolved = self.member_of(expr, receiver, lifted, is_super, name);
        match resolved {
            Resolved::Value { ty: member_ty, use_kind } if optional && self.sem.types.is_optional(ty) => {
                let member_ty = match self.sem.types.get(member_ty).clone() {
                    Type::Function(f) => {
                        let result = self.sem.types.optional(f.result);
                        self.sem.types.function(FunctionType { result, ..f })
                    }
                    _ => self.sem.types.optional(member_ty),
                };
                Resolved::Value { ty: member_ty, use_kind }
            }
            other => other,
        }
    }

    /// Member `name` of a (non-optional) value of type `receiver`.
    fn member_of(&mut self, expr: &Expr, receiver: TypeId, lifted: bool, is_super: bool, name: &Ident) -> Resolved {
        let error = Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static };
        match self.sem.types.get(receiver).clone() {
            Type::Error => error,
            Type::Class(class) if self.sem.class(class).kind == ClassKind::User => {
                self.user_member(expr, class, lifted, is_super, name)
            }
            Type::Class(class) => {
                let shown = self.sem.class(class).qualified.clone();
                match self.sem.find_member(class, &name.name).filter(|(_, m)| !m.is_static).map(|(c, m)| (c, m.clone())) {
                    Some((owner, member)) => {
                        let ty = self.use_extern_member(expr, owner, &shown, &member, &HashMap::new(), name.span);
                        let use_kind = if member.phase == Phase::Inflight {
                            UseKind::Operation(member.name.clone(), Some(class))
                        } else {
                            UseKind::Static
                        };
                        Resolved::Value { ty, use_kind }
                    }
                    None => {
                        self.report_no_member(&shown, class, name, false);
                        error
                    }
                }
            }
            Type::Interface(id) => self.interface_member(expr, id, name),
            Type::Struct(id) => {
                let info = self.sem.structure(id);
                match info.field(&name.name) {
                    Some(ty) => {
                        self.sem.members.insert(expr.id, MemberRef::StructField(name.name.clone()));
                        Resolved::Value { ty, use_kind: UseKind::Field(name.name.clone()) }
                    }
                    None => {
                        self.report_unknown_field(id, name);
                        error
                    }
                }
            }
            other => match self.builtin_class(&other) {
                Some((class, arg)) => {
                    let shown = self.sem.types.display(receiver);
                    let substitution: HashMap<String, TypeId> = arg.map(|t| ("T".to_string(), t)).into_iter().collect();
                    match self.sem.find_member(class, &name.name).filter(|(_, m)| !m.is_static).map(|(c, m)| (c, m.clone())) {
                        Some((owner, member)) => {
                            let ty = self.use_extern_member(expr, owner, &shown, &member, &substitution, name.span);
                            Resolved::Value { ty, use_kind: UseKind::WholeObject }
                        }
                        None => {
                            self.report_builtin_no_member(&shown, class, &other, name, lifted);
                            error
                        }
                    }
                }
                None if self.sem.types.unsolved(receiver).is_some() => {
                    self.report(
                        Diagnostic::error(
                            "E0111",
                            format!("cannot use the member `{}` of a value whose type is not known yet", name.name),
                            name.span,
                        )
                        .with_label("the type of this value is not known here")
                        .with_help("write the type of the parameter or literal it comes from"),
                    );
                    error
                }
                None => {
                    let shown = self.sem.types.display(receiver);
                    self.report(
                        Diagnostic::error("E0111", format!("a `{shown}` has no members"), name.span).with_label("unknown member"),
                    );
                    error
                }
            },
        }
    }

    fn report_builtin_no_member(&mut self, shown: &str, class: ClassId, receiver: &Type, name: &Ident, lifted: bool) {
        let frozen_help = match receiver {
            Type::Array(_) | Type::Map(_) | Type::Set(_) | Type::Json => {
                let mutable = format!("Mut{}", self.sem.class(class).name);
                self.builtin.get(&mutable).and_then(|m| self.sem.find_member(*m, &name.name)).map(|_| {
                    format!(
                        "`{}` changes the value, and {} is immutable; use a `{mutable}`",
                        name.name,
                        super::stmt::a_type(shown)
                    )
                })
            }
            _ => None,
        };
        if let Some(help) = frozen_help {
            let mut diagnostic = Diagnostic::error("E0111", format!("`{shown}` has no member `{}`", name.name), name.span)
                .with_label("unknown member")
                .with_help(help);
            if lifted {
                diagnostic = diagnostic.with_note("a preflight value used inflight is a copy, and it is immutable");
            }
            self.report(diagnostic);
        } else {
            self.report_no_member(shown, class, name, false);
        }
    }

    fn report_no_member(&mut self, shown: &str, class: ClassId, name: &Ident, statics: bool) {
        let mut diagnostic = Diagnostic::error(
            "E0111",
            format!("`{shown}` has no {}member `{}`", if statics { "static " } else { "" }, name.name),
            name.span,
        )
        .with_label("unknown member");
        let names: Vec<String> = self
            .sem
            .ancestry(class)
            .flat_map(|c| self.sem.class(c).members.iter())
            .filter(|m| m.is_static == statics)
            .map(|m| m.name.clone())
            .collect();
        if let Some(best) = super::scope::closest_name(&name.name, names.iter().map(String::as_str), &self.suggestions_left) {
            diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
        }
        self.report(diagnostic);
    }

    /// Adds the enum's variants to a diagnostic about one.
    fn with_variants(diagnostic: Diagnostic, variants: &[String]) -> Diagnostic {
        diagnostic
            .with_note(format!("its variants are {}", variants.iter().map(|v| format!("`{v}`")).collect::<Vec<_>>().join(", ")))
    }

    fn user_member(&mut self, expr: &Expr, class: ClassId, lifted: bool, is_super: bool, name: &Ident) -> Resolved {
        let shown = self.sem.class(class).qualified.clone();
        let Some((owner, member)) = self.sem.find_member(class, &name.name).map(|(c, m)| (c, m.clone())) else {
            self.report_no_member(&shown, class, name, false);
            return Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static };
        };
        if member.is_static {
            self.report(
                Diagnostic::error("E0111", format!("`{}` is static", name.name), name.span)
                    .with_help(format!("call it on the class: `{shown}.{}(…)`", name.name)),
            );
        }
        if self.sem.class(owner).kind == ClassKind::Resource {
            return self.std_inherited_member(expr, class, owner, &member, name);
        }
        self.check_visibility(owner, &member, name.span);
        match &member.kind {
            MemberKind::Field { ty, .. } => {
                self.check_member_phase(&member, &shown, name.span);
                self.sem.members.insert(expr.id, MemberRef::Field { class: owner, name: name.name.clone() });
                let preflight_field = member.phase != Phase::Inflight;
                let ty =
                    if lifted && self.phase() == Phase::Inflight && preflight_field { self.sem.types.frozen(*ty) } else { *ty };
                let use_kind = if preflight_field { UseKind::Field(name.name.clone()) } else { UseKind::Static };
                Resolved::Value { ty, use_kind }
            }
            MemberKind::Method(sig) => {
                self.check_member_phase(&member, &shown, name.span);
                let receiver = if is_super { MethodReceiver::Super(owner) } else { MethodReceiver::Class(class) };
                self.sem.members.insert(expr.id, MemberRef::Method { receiver, name: name.name.clone() });
                let ty = self.sem.types.function(FunctionType { phase: member.phase, ..sig.clone() });
                let op = if is_super { format!("{}#{}", self.sem.class(owner).name, name.name) } else { name.name.clone() };
                let use_kind =
                    if member.phase == Phase::Inflight { UseKind::Operation(op, Some(class)) } else { UseKind::Static };
                Resolved::Value { ty, use_kind }
            }
            _ => Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static },
        }
    }

    /// A member a user class inherits from the std resource it extends
    /// (`this.inc()` in a `cloud.Counter` subclass): the host member, run on
    /// the object's resource. `super.inc()` is the same call, as no
    /// subclass overrides it.
    fn std_inherited_member(
        &mut self,
        expr: &Expr,
        class: ClassId,
        owner: ClassId,
        member: &MemberInfo,
        name: &Ident,
    ) -> Resolved {
        let shown = self.sem.class(class).qualified.clone();
        let ty = self.use_extern_member(expr, owner, &shown, member, &HashMap::new(), name.span);
        let use_kind = match (&member.kind, member.phase) {
            (_, Phase::Inflight) => UseKind::Operation(member.name.clone(), Some(class)),
            // An attribute (an Api's `url`) needs the handle, granting nothing.
            (MemberKind::Property(_), Phase::Independent) => UseKind::Field(RESOURCE_FIELD.to_string()),
            _ => UseKind::Static,
        };
        Resolved::Value { ty, use_kind }
    }

    /// E0242: `S.fromJson` of a struct with a field Json cannot hold (a
    /// resource, a class instance, a function).
    fn report_not_from_json(&mut self, id: StructId, name: &Ident) {
        let info = self.sem.structure(id);
        let field = info.fields.iter().find(|(_, ty)| !self.sem.is_json_data(*ty));
        let mut diagnostic =
            Diagnostic::error("E0242", format!("the struct `{}` cannot be read from Json", info.qualified), name.span)
                .with_label(format!("`{}` needs every field to be Json data", name.name));
        if let Some((field, ty)) = field {
            diagnostic = diagnostic.with_note(format!("its field `{field}` is a `{}`", self.sem.types.display(*ty)));
        }
        self.report(diagnostic);
    }

    fn interface_member(&mut self, expr: &Expr, id: super::types::InterfaceId, name: &Ident) -> Resolved {
        let mut stack = vec![id];
        let mut found = None;
        while let Some(next) = stack.pop() {
            let info = self.sem.interface(next);
            if let Some(member) = info.members.iter().find(|m| m.name == name.name) {
                found = Some(member.clone());
                break;
            }
            stack.extend(info.extends.iter().copied());
        }
        let shown = self.sem.interface(id).qualified.clone();
        let Some(member) = found else {
            self.report(
                Diagnostic::error("E0111", format!("`{shown}` has no member `{}`", name.name), name.span)
                    .with_label("unknown member"),
            );
            return Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static };
        };
        self.check_member_phase(&member, &shown, name.span);
        let MemberKind::Method(sig) = &member.kind else {
            return Resolved::Value { ty: Types::ERROR, use_kind: UseKind::Static };
        };
        let ty = self.sem.types.function(FunctionType { phase: member.phase, ..sig.clone() });
        self.sem.members.insert(expr.id, MemberRef::Method { receiver: MethodReceiver::Interface(id), name: name.name.clone() });
        let use_kind =
            if member.phase == Phase::Inflight { UseKind::Operation(name.name.clone(), None) } else { UseKind::Static };
        Resolved::Value { ty, use_kind }
    }

    fn check_visibility(&mut self, owner: ClassId, member: &MemberInfo, span: Span) {
        let here = self.current_class();
        let allowed = match member.visibility {
            Visibility::Public => true,
            Visibility::Protected => here.is_some_and(|c| self.sem.is_subclass(c, owner)),
            Visibility::Private => here == Some(owner),
        };
        if !allowed {
            let (word, help) = match member.visibility {
                Visibility::Protected => {
                    ("protected in", "only the class and its subclasses can use it; make it `pub` to share it")
                }
                _ => ("private to", "only the class itself can use it; make it `pub` (or `protected` for subclasses)"),
            };
            let class = self.sem.class(owner).name.clone();
            self.report(
                Diagnostic::error("E0140", format!("`{}` is {word} `{class}`", member.name), span)
                    .with_secondary(member.span, "declared here")
                    .with_help(help),
            );
        }
    }

    pub(super) fn check_member_phase(&mut self, member: &MemberInfo, owner: &str, span: Span) {
        let here = self.phase();
        let wrong = match (member.phase, here, &member.kind) {
            (Phase::Inflight, Phase::Preflight, _) => {
                Some(("inflight", "preflight", "use it from an inflight closure, method or `test`"))
            }
            (Phase::Preflight, Phase::Inflight, MemberKind::Method(_)) => {
                Some(("preflight", "inflight", "call it at the top level or in a constructor, outside of inflight code"))
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

    /// Records a use of a stdlib member and checks its phase.
    pub(super) fn use_extern_member(
        &mut self,
        expr: &Expr,
        owner: ClassId,
        shown: &str,
        member: &MemberInfo,
        substitution: &HashMap<String, TypeId>,
        span: Span,
    ) -> TypeId {
        self.check_member_phase(member, shown, span);
        let info = self.sem.class(owner);
        let import_name = format!("{}.{}", info.name, member.name);
        let module = info.module.clone();
        let is_map = info.name == "Map";
        let (declared, is_property) = match &member.kind {
            MemberKind::Method(sig) => (FunctionType { phase: member.phase, ..sig.clone() }, false),
            MemberKind::Property(ty) | MemberKind::Field { ty, .. } => (FunctionType::new(member.phase, Vec::new(), *ty), true),
        };
        let mut signature = self.substitute_signature(&declared, substitution);
        if member.name == "entries"
            && is_map
            && let Some(value) = substitution.get("T")
        {
            let entry = self.map_entry_struct(*value);
            signature.result = self.sem.types.intern(Type::Array(entry));
        }
        let target = super::model::ExternRef {
            module,
            name: import_name,
            signature: signature.clone(),
            declared,
            has_receiver: !member.is_static,
            phase: member.phase,
        };
        self.sem.members.insert(expr.id, MemberRef::Extern { target, is_property });
        if is_property { signature.result } else { self.sem.types.function(signature) }
    }
}

impl Checker {
    /// The element type of `Map<T>.entries()`: a struct `{ key: str, value: T }`,
    /// one per value type.
    fn map_entry_struct(&mut self, value: TypeId) -> TypeId {
        if let Some(id) = self.map_entries.get(&value) {
            return self.sem.types.intern(Type::Struct(*id));
        }
        let id = super::types::StructId(self.sem.structs.len() as u32);
        let qualified = format!("ArrayEntry<{}>", self.sem.types.display(value));
        self.sem.types.name_struct(id, qualified.clone());
        let mut info = super::symbols::StructInfo::new("ArrayEntry".to_string(), qualified, true, Span::default());
        info.set_fields(vec![("key".to_string(), Types::STR), ("value".to_string(), value)]);
        self.sem.structs.push(info);
        self.map_entries.insert(value, id);
        self.sem.types.intern(Type::Struct(id))
    }
}

/// The name a namespace was brought as, from the member expression using it.
fn ns_alias(expr: &Expr) -> &str {
    match &expr.kind {
        ExprKind::Member { object, .. } => match &object.kind {
            ExprKind::Ident(ident) => &ident.name,
            _ => "",
        },
        _ => "",
    }
}
