//! User type declarations: takes the `class`, `struct`, `interface` and
//! `enum` statements of a block, gives their entries in the checker's
//! tables, bound by name in the block's scope.
//!
//! Types are hoisted: every type of a block is named first, then their
//! members are resolved, so declarations may refer to each other in any
//! order. Bodies are checked later, in statement order (`class.rs`).

use super::Checker;
use super::annotations::TypeScope;
use super::scope::Binding;
use super::symbols::{
    ClassInfo, ClassKind, Constructor, EnumInfo, InterfaceInfo, MemberInfo, MemberKind, Owner, StructInfo, TypeRef,
};
use super::types::{ClassId, EnumId, InterfaceId, StructId, Type, TypeId};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{
    ClassDecl, ClassMember, EnumDecl, InterfaceDecl, MethodDecl, Phase, Span, Stmt, StmtKind, StructDecl, UserTypeRef, Visibility,
};
use std::collections::HashMap;

impl Checker {
    /// Names and resolves every type declared directly in `stmts`.
    pub(super) fn declare_types(&mut self, stmts: &[Stmt]) {
        let mut declared = Vec::new();
        for stmt in stmts {
            let (name, found) = match &stmt.kind {
                StmtKind::Class(decl) => (&decl.name, TypeRef::Class(self.add_user_class(decl, stmt.id))),
                StmtKind::Struct(decl) => (&decl.name, TypeRef::Struct(self.add_struct(decl))),
                StmtKind::Interface(decl) => (&decl.name, TypeRef::Interface(self.add_interface(decl))),
                StmtKind::Enum(decl) => (&decl.name, TypeRef::Enum(self.add_enum(decl))),
                _ => continue,
            };
            if let Some(Binding::Type(previous)) = self.scopes.last().and_then(|s| s.names.get(&name.name)) {
                let previous_span = self.type_span(*previous);
                self.report(
                    Diagnostic::error("E0114", format!("the type `{}` is declared twice", name.name), name.span)
                        .with_label("declared again here")
                        .with_secondary(previous_span, "first declared here"),
                );
            }
            self.bind(&name.name, Binding::Type(found));
            self.sem.declarations.insert(stmt.id, found);
            declared.push((stmt, found));
        }
        for (stmt, found) in &declared {
            match (&stmt.kind, found) {
                (StmtKind::Struct(decl), TypeRef::Struct(id)) => self.resolve_struct(*id, decl),
                (StmtKind::Interface(decl), TypeRef::Interface(id)) => self.resolve_interface(*id, decl),
                _ => {}
            }
        }
        for (stmt, found) in &declared {
            if let (StmtKind::Class(decl), TypeRef::Class(id)) = (&stmt.kind, found) {
                self.resolve_class(*id, decl);
            }
        }
        for (_, found) in &declared {
            if let TypeRef::Class(id) = found {
                self.check_class_shape(*id);
            }
        }
    }

    pub(super) fn type_span(&self, found: TypeRef) -> Span {
        match found {
            TypeRef::Class(c) => self.sem.class(c).span,
            TypeRef::Struct(s) => self.sem.structure(s).span,
            TypeRef::Interface(i) => self.sem.interface(i).span,
            TypeRef::Enum(e) => self.sem.enumeration(e).span,
        }
    }

    fn add_user_class(&mut self, decl: &ClassDecl, stmt: crate::syntax::ast::NodeId) -> ClassId {
        let id = ClassId(self.sem.classes.len() as u32);
        self.sem.types.name_class(id, decl.name.name.clone());
        self.sem.classes.push(ClassInfo {
            name: decl.name.name.clone(),
            qualified: decl.name.name.clone(),
            module: String::new(),
            kind: ClassKind::User,
            // A class declared in inflight code is an inflight class, as in Wing.
            phase: if decl.phase == Phase::Inflight || self.phase() == Phase::Inflight {
                Phase::Inflight
            } else {
                Phase::Preflight
            },
            type_params: Vec::new(),
            parent: None,
            interfaces: Vec::new(),
            members: Vec::new(),
            member_index: HashMap::new(),
            constructor: None,
            inflight_init: None,
            decl: Some(stmt),
            is_pub: decl.is_pub,
            span: decl.name.span,
        });
        if !decl.type_params.is_empty() {
            self.report(
                Diagnostic::error("E0115", "user classes cannot have type parameters", decl.type_params[0].span)
                    .with_note("only the standard library declares generic types"),
            );
        }
        id
    }

    fn add_struct(&mut self, decl: &StructDecl) -> StructId {
        let id = StructId(self.sem.structs.len() as u32);
        self.sem.types.name_struct(id, decl.name.name.clone());
        self.sem.structs.push(StructInfo {
            name: decl.name.name.clone(),
            qualified: decl.name.name.clone(),
            fields: Vec::new(),
            is_pub: decl.is_pub,
            span: decl.name.span,
        });
        id
    }

    fn add_interface(&mut self, decl: &InterfaceDecl) -> InterfaceId {
        let id = InterfaceId(self.sem.interfaces.len() as u32);
        self.sem.types.name_interface(id, decl.name.name.clone());
        self.sem.interfaces.push(InterfaceInfo {
            name: decl.name.name.clone(),
            qualified: decl.name.name.clone(),
            extends: Vec::new(),
            members: Vec::new(),
            is_pub: decl.is_pub,
            span: decl.name.span,
        });
        id
    }

    fn add_enum(&mut self, decl: &EnumDecl) -> EnumId {
        let id = EnumId(self.sem.enums.len() as u32);
        self.sem.types.name_enum(id, decl.name.name.clone());
        let mut variants: Vec<String> = Vec::new();
        for (i, variant) in decl.variants.iter().enumerate() {
            match decl.variants[..i].iter().find(|v| v.name == variant.name) {
                Some(first) => self.report(
                    Diagnostic::error("E0116", format!("the enum variant `{}` is declared twice", variant.name), variant.span)
                        .with_label("declared again here")
                        .with_secondary(first.span, "first declared here"),
                ),
                None => variants.push(variant.name.clone()),
            }
        }
        self.sem.enums.push(EnumInfo {
            name: decl.name.name.clone(),
            qualified: decl.name.name.clone(),
            variants,
            is_pub: decl.is_pub,
            span: decl.name.span,
        });
        id
    }

    /// The declared type a written reference names, if it is one.
    fn referenced_type(&mut self, reference: &UserTypeRef) -> Option<TypeRef> {
        let names: Vec<&str> = reference.path.iter().map(|p| p.name.as_str()).collect();
        let found = self.find_type(&names, TypeScope::default());
        if found.is_none() {
            self.report_unknown_type(&names, reference.span, TypeScope::default());
        }
        found
    }

    fn resolve_struct(&mut self, id: StructId, decl: &StructDecl) {
        let mut fields: Vec<(String, TypeId)> = Vec::new();
        for parent in &decl.extends {
            match self.referenced_type(parent) {
                Some(TypeRef::Struct(parent_id)) if parent_id != id => {
                    for (name, ty) in self.sem.structure(parent_id).fields.clone() {
                        self.add_struct_field(&mut fields, name, ty, parent.span);
                    }
                }
                Some(_) => self.report(Diagnostic::error("E0117", "a struct can only extend other structs", parent.span)),
                None => {}
            }
        }
        for (i, field) in decl.fields.iter().enumerate() {
            if let Some(first) = decl.fields[..i].iter().find(|f| f.name.name == field.name.name) {
                self.report(
                    Diagnostic::error(
                        "E0120",
                        format!("the field `{}` is declared twice in this struct", field.name.name),
                        field.name.span,
                    )
                    .with_label("declared again here")
                    .with_secondary(first.name.span, "first declared here"),
                );
                continue;
            }
            let ty = self.resolve_user_type(&field.ty);
            if self.is_class_type(ty) {
                self.report(
                    Diagnostic::error(
                        "E0118",
                        format!("the struct field `{}` cannot hold a class instance", field.name.name),
                        field.ty.span,
                    )
                    .with_note("structs hold data: numbers, strings, Json, collections and other structs")
                    .with_help("use a class to hold resources and objects"),
                );
            }
            self.add_struct_field(&mut fields, field.name.name.clone(), ty, field.name.span);
        }
        self.sem.structs[id.0 as usize].fields = fields;
    }

    fn is_class_type(&self, ty: TypeId) -> bool {
        matches!(self.sem.types.get(self.sem.types.strip_optional(ty)), Type::Class(_) | Type::Interface(_))
    }

    fn add_struct_field(&mut self, fields: &mut Vec<(String, TypeId)>, name: String, ty: TypeId, span: Span) {
        match fields.iter().find(|(n, _)| *n == name) {
            Some((_, existing)) if *existing != ty => {
                let (a, b) = (self.sem.types.display(*existing), self.sem.types.display(ty));
                self.report(Diagnostic::error("E0119", format!("the field `{name}` is declared as both `{a}` and `{b}`"), span));
            }
            Some(_) => {}
            None => fields.push((name, ty)),
        }
    }

    fn resolve_interface(&mut self, id: InterfaceId, decl: &InterfaceDecl) {
        let mut extends = Vec::new();
        for parent in &decl.extends {
            match self.referenced_type(parent) {
                Some(TypeRef::Interface(parent_id)) if parent_id != id => extends.push(parent_id),
                Some(_) => self.report(Diagnostic::error("E0117", "an interface can only extend other interfaces", parent.span)),
                None => {}
            }
        }
        let mut members: Vec<MemberInfo> = Vec::new();
        for method in &decl.members {
            let phase = method.modifiers.phase.unwrap_or(decl.phase);
            let signature = self.resolve_signature(&method.signature, TypeScope::default(), phase);
            let name = &method.signature.name;
            if members.iter().any(|m| m.name == name.name) {
                self.report(Diagnostic::error(
                    "E0120",
                    format!("`{}` is declared twice in this interface", name.name),
                    name.span,
                ));
                continue;
            }
            members.push(MemberInfo {
                name: name.name.clone(),
                kind: MemberKind::Method(signature),
                phase,
                is_static: false,
                is_extern: false,
                visibility: Visibility::Public,
                owner: Owner::Interface(id),
                decl: None,
                span: name.span,
            });
        }
        let info = &mut self.sem.interfaces[id.0 as usize];
        info.extends = extends;
        info.members = members;
    }

    fn resolve_class(&mut self, id: ClassId, decl: &ClassDecl) {
        self.push_scope();
        for param in &decl.type_params {
            self.bind(&param.name, Binding::ErasedType);
        }
        self.resolve_class_members(id, decl);
        self.pop_scope();
    }

    fn resolve_class_members(&mut self, id: ClassId, decl: &ClassDecl) {
        let class_phase = self.sem.class(id).phase;
        if let Some(parent) = &decl.extends {
            match self.referenced_type(parent) {
                Some(TypeRef::Class(parent_id)) if self.sem.class(parent_id).kind == ClassKind::User => {
                    if self.sem.is_subclass(parent_id, id) {
                        self.report(Diagnostic::error(
                            "E0121",
                            format!("`{}` cannot extend itself", decl.name.name),
                            parent.span,
                        ));
                    } else if self.sem.class(parent_id).phase != class_phase {
                        self.report(
                            Diagnostic::error("E0122", "a class must extend a class of the same phase", parent.span).with_label(
                                format!(
                                    "`{}` is {}",
                                    self.sem.class(parent_id).name,
                                    phase_word(self.sem.class(parent_id).phase)
                                ),
                            ),
                        );
                    } else {
                        self.sem.classes[id.0 as usize].parent = Some(parent_id);
                    }
                }
                Some(TypeRef::Class(_)) => self.report(
                    Diagnostic::error(
                        "E0900",
                        "extending a standard library class is not supported by this version of wingc yet",
                        parent.span,
                    )
                    .with_help("hold the resource in a field instead: `this.bucket = new cloud.Bucket();`"),
                ),
                Some(_) => self.report(Diagnostic::error("E0117", "a class can only extend another class", parent.span)),
                None => {}
            }
        }
        for interface in &decl.implements {
            match self.referenced_type(interface) {
                Some(TypeRef::Interface(iid)) => self.sem.classes[id.0 as usize].interfaces.push(iid),
                Some(_) => self.report(Diagnostic::error("E0117", "`impl` takes interfaces", interface.span)),
                None => {}
            }
        }
        let mut members: Vec<MemberInfo> = Vec::new();
        for member in &decl.members {
            let (written, span) = match member {
                ClassMember::Method(m) => (m.modifiers.phase, m.signature.name.span),
                ClassMember::Field { modifiers, name, .. } => (modifiers.phase, name.span),
            };
            if class_phase == Phase::Inflight && written == Some(Phase::Preflight) {
                self.report(
                    Diagnostic::error("E0126", "every member of an inflight class is inflight", span)
                        .with_label("marked `preflight`")
                        .with_help("remove `preflight`, or make the class a preflight class"),
                );
            }
            match member {
                ClassMember::Method(method) if method.is_constructor => self.declare_constructor(id, method),
                ClassMember::Method(method) => {
                    let m = &method.modifiers;
                    let phase = member_phase(class_phase, m.phase);
                    let signature = self.resolve_signature(&method.signature, TypeScope::default(), phase);
                    push_member(
                        self,
                        &mut members,
                        MemberInfo {
                            name: method.signature.name.name.clone(),
                            kind: MemberKind::Method(signature),
                            phase,
                            is_static: m.is_static,
                            is_extern: false,
                            visibility: m.visibility,
                            owner: Owner::Class(id),
                            decl: Some(method.id),
                            span: method.signature.name.span,
                        },
                    );
                }
                ClassMember::Field { modifiers, reassignable, name, ty, .. } => {
                    let ty = self.resolve_user_type(ty);
                    push_member(
                        self,
                        &mut members,
                        MemberInfo {
                            name: name.name.clone(),
                            kind: MemberKind::Field { ty, reassignable: *reassignable },
                            phase: member_phase(class_phase, modifiers.phase),
                            is_static: modifiers.is_static,
                            is_extern: false,
                            visibility: modifiers.visibility,
                            owner: Owner::Class(id),
                            decl: None,
                            span: name.span,
                        },
                    );
                }
            }
        }
        let info = &mut self.sem.classes[id.0 as usize];
        info.member_index = members.iter().enumerate().map(|(i, m)| (m.name.clone(), i)).collect();
        info.members = members;
    }

    fn declare_constructor(&mut self, id: ClassId, method: &MethodDecl) {
        let class_phase = self.sem.class(id).phase;
        let phase = member_phase(class_phase, method.modifiers.phase);
        let signature = self.resolve_signature(&method.signature, TypeScope::default(), phase);
        let constructor = Constructor { signature, decl: Some(method.id) };
        let is_init = class_phase == Phase::Preflight && phase == Phase::Inflight;
        self.method_spans.insert(method.id, method.signature.name.span);
        let info = &mut self.sem.classes[id.0 as usize];
        let slot = if is_init { &mut info.inflight_init } else { &mut info.constructor };
        if let Some(first) = slot.as_ref().and_then(|c| c.decl) {
            let first_span = self.method_spans.get(&first).copied();
            let mut diagnostic =
                Diagnostic::error("E0123", "a class has at most one constructor of each phase", method.signature.name.span)
                    .with_label("a second constructor");
            if let Some(first_span) = first_span {
                diagnostic = diagnostic.with_secondary(first_span, "the first one");
            }
            self.report(diagnostic);
            return;
        }
        *slot = Some(constructor);
        if let (true, Some(first), Some(last)) = (is_init, method.signature.params.first(), method.signature.params.last()) {
            self.report(
                Diagnostic::error("E0124", "`inflight new()` takes no parameters", first.span.to(last.span))
                    .with_note("the inflight client of a preflight object is created by the platform, with nothing to pass"),
            );
        }
    }
}

/// A class member's phase: written, or the class's. (A member of an
/// inflight class written `preflight` is reported by `check_class_shape`.)
fn member_phase(class_phase: Phase, written: Option<Phase>) -> Phase {
    match (class_phase, written) {
        (Phase::Inflight, _) => Phase::Inflight,
        (_, Some(phase)) => phase,
        (_, None) => Phase::Preflight,
    }
}

fn push_member(checker: &mut Checker, members: &mut Vec<MemberInfo>, member: MemberInfo) {
    if let Some(previous) = members.iter().find(|m| m.name == member.name) {
        checker.report(
            Diagnostic::error("E0120", format!("`{}` is declared twice in this class", member.name), member.span)
                .with_secondary(previous.span, "first declared here"),
        );
        return;
    }
    members.push(member);
}

pub(super) fn phase_word(phase: Phase) -> &'static str {
    match phase {
        Phase::Preflight => "preflight",
        Phase::Inflight => "inflight",
        Phase::Independent => "phase-independent",
    }
}
