//! User type declarations: takes the `class`, `struct`, `interface` and
//! `enum` statements of a block, gives their entries in the checker's
//! tables, bound by name in the block's scope.
//!
//! Types are hoisted: every type of a block is named first, then their
//! members are resolved, so declarations may refer to each other in any
//! order. Bodies are checked later, in statement order (`class.rs`).

use super::Checker;
use super::annotations::TypeScope;
use super::hierarchy;
use super::scope::Binding;
use super::symbols::{
    ClassInfo, ClassKind, Constructor, EnumInfo, InterfaceInfo, MemberInfo, MemberKind, Owner, StructInfo, TypeRef,
};
use super::types::{ClassId, EnumId, InterfaceId, StructId, TypeId};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{
    ClassDecl, ClassMember, EnumDecl, Ident, InterfaceDecl, MethodDecl, Phase, Span, Stmt, StmtKind, StructDecl, UserTypeRef,
    Visibility,
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
        let mut structs = Vec::new();
        let mut interfaces = Vec::new();
        for (stmt, found) in &declared {
            match (&stmt.kind, found) {
                (StmtKind::Struct(decl), TypeRef::Struct(id)) => structs.push((*id, decl)),
                (StmtKind::Interface(decl), TypeRef::Interface(id)) => interfaces.push((*id, decl)),
                _ => {}
            }
        }
        self.resolve_structs(&structs);
        self.resolve_interfaces(&interfaces);
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
                    .with_label("a type parameter")
                    .with_note("only the standard library declares generic types"),
            );
        }
        id
    }

    fn add_struct(&mut self, decl: &StructDecl) -> StructId {
        let id = StructId(self.sem.structs.len() as u32);
        self.sem.types.name_struct(id, decl.name.name.clone());
        self.sem.structs.push(StructInfo::new(decl.name.name.clone(), decl.name.name.clone(), decl.is_pub, decl.name.span));
        id
    }

    pub(super) fn add_interface(&mut self, decl: &InterfaceDecl) -> InterfaceId {
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
        let mut declared = FirstDeclared::default();
        for variant in &decl.variants {
            match declared.insert(variant) {
                Some(first) => self.report(
                    Diagnostic::error("E0116", format!("the enum variant `{}` is declared twice", variant.name), variant.span)
                        .with_label("declared again here")
                        .with_secondary(first, "first declared here"),
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

    /// Resolves the structs of one block, parents before the structs that
    /// extend them (whatever the order they are written in); an `extends`
    /// that closes a cycle is reported and left out.
    fn resolve_structs(&mut self, structs: &[(StructId, &StructDecl)]) {
        let batch: HashMap<StructId, usize> = structs.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
        let parents: Vec<Vec<(StructId, Span)>> = structs.iter().map(|(_, decl)| self.struct_parents(decl)).collect();
        let edges: Vec<Vec<usize>> =
            parents.iter().map(|list| list.iter().map(|(p, _)| batch.get(p).copied().unwrap_or(usize::MAX)).collect()).collect();
        let (order, cycles) = hierarchy::parents_first(&edges);
        let mut parents = parents;
        let names: Vec<&str> = structs.iter().map(|(_, decl)| decl.name.name.as_str()).collect();
        self.break_cycles("struct", &names, &mut parents, &cycles);
        for i in order {
            let (id, decl) = structs[i];
            self.resolve_struct(id, decl, &parents[i]);
        }
    }

    /// The structs a struct's `extends` names (other kinds reported).
    fn struct_parents(&mut self, decl: &StructDecl) -> Vec<(StructId, Span)> {
        let mut parents = Vec::new();
        for parent in &decl.extends {
            match self.referenced_type(parent) {
                Some(TypeRef::Struct(parent_id)) => parents.push((parent_id, parent.span)),
                Some(_) => self.report(Diagnostic::error("E0117", "a struct can only extend other structs", parent.span)),
                None => {}
            }
        }
        parents
    }

    /// Reports each cycle among `names` (structs or interfaces of one
    /// block) and drops the `extends` edge that closes it from `parents`.
    fn break_cycles<T>(&mut self, kind: &str, names: &[&str], parents: &mut [Vec<(T, Span)>], cycles: &[hierarchy::Cycle]) {
        // Later edges of a type first, so earlier edge numbers stay valid.
        let mut spans: Vec<Span> = cycles.iter().rev().map(|cycle| parents[cycle.child].remove(cycle.edge).1).collect();
        spans.reverse();
        for (cycle, span) in cycles.iter().zip(spans) {
            let chain = hierarchy::describe(cycle, |i| names[i].to_string());
            self.report_extends_cycle(kind, names[cycle.child], span, chain);
        }
    }

    /// E0121: a class, interface or struct that extends itself, directly
    /// or through others (`chain` names every link of the cycle).
    pub(super) fn report_extends_cycle(&mut self, kind: &str, name: &str, span: Span, chain: String) {
        self.report(
            Diagnostic::error("E0121", format!("the {kind} `{name}` extends itself"), span)
                .with_label(chain)
                .with_help("remove one `extends` of the cycle"),
        );
    }

    fn resolve_struct(&mut self, id: StructId, decl: &StructDecl, parents: &[(StructId, Span)]) {
        let mut fields = StructFields::default();
        for (parent_id, span) in parents {
            for (name, ty) in self.sem.structure(*parent_id).fields.clone() {
                self.add_struct_field(&mut fields, name, ty, *span);
            }
        }
        let mut declared = FirstDeclared::default();
        for field in &decl.fields {
            if let Some(first) = declared.insert(&field.name) {
                self.report(
                    Diagnostic::error(
                        "E0120",
                        format!("the field `{}` is declared twice in this struct", field.name.name),
                        field.name.span,
                    )
                    .with_label("declared again here")
                    .with_secondary(first, "first declared here"),
                );
                continue;
            }
            let ty = self.resolve_user_type(&field.ty);
            self.add_struct_field(&mut fields, field.name.name.clone(), ty, field.name.span);
        }
        self.sem.structs[id.0 as usize].set_fields(fields.list);
    }

    fn add_struct_field(&mut self, fields: &mut StructFields, name: String, ty: TypeId, span: Span) {
        match fields.types.get(&name) {
            Some(existing) if *existing != ty => {
                let (a, b) = (self.sem.types.display(*existing), self.sem.types.display(ty));
                self.report(Diagnostic::error("E0119", format!("the field `{name}` is declared as both `{a}` and `{b}`"), span));
            }
            Some(_) => {}
            None => {
                fields.types.insert(name.clone(), ty);
                fields.list.push((name, ty));
            }
        }
    }

    /// Resolves the interfaces of one block; an `extends` that closes a
    /// cycle is reported and left out.
    fn resolve_interfaces(&mut self, interfaces: &[(InterfaceId, &InterfaceDecl)]) {
        let mut parents: Vec<Vec<(InterfaceId, Span)>> = Vec::new();
        for (id, decl) in interfaces {
            parents.push(self.interface_parents(decl));
            self.resolve_interface_members(*id, decl, TypeScope::default());
        }
        let batch: HashMap<InterfaceId, usize> = interfaces.iter().enumerate().map(|(i, (id, _))| (*id, i)).collect();
        let edges: Vec<Vec<usize>> =
            parents.iter().map(|list| list.iter().map(|(p, _)| batch.get(p).copied().unwrap_or(usize::MAX)).collect()).collect();
        let (_, cycles) = hierarchy::parents_first(&edges);
        let names: Vec<&str> = interfaces.iter().map(|(_, decl)| decl.name.name.as_str()).collect();
        self.break_cycles("interface", &names, &mut parents, &cycles);
        for ((id, _), parents) in interfaces.iter().zip(parents) {
            self.sem.interfaces[id.0 as usize].extends = parents.into_iter().map(|(p, _)| p).collect();
        }
    }

    /// The interfaces an interface's `extends` names (other kinds reported).
    fn interface_parents(&mut self, decl: &InterfaceDecl) -> Vec<(InterfaceId, Span)> {
        let mut parents = Vec::new();
        for parent in &decl.extends {
            match self.referenced_type(parent) {
                Some(TypeRef::Interface(parent_id)) => parents.push((parent_id, parent.span)),
                Some(_) => self.report(Diagnostic::error("E0117", "an interface can only extend other interfaces", parent.span)),
                None => {}
            }
        }
        parents
    }

    pub(super) fn resolve_interface_members(&mut self, id: InterfaceId, decl: &InterfaceDecl, scope: TypeScope<'_>) {
        let mut members: Vec<MemberInfo> = Vec::new();
        let mut declared = FirstDeclared::default();
        for method in &decl.members {
            let phase = method.modifiers.phase.unwrap_or(decl.phase);
            let signature = self.resolve_signature(&method.signature, scope, phase);
            let name = &method.signature.name;
            if method.signature.return_type.is_none() && !method.is_constructor {
                self.report(
                    Diagnostic::error(
                        "E0144",
                        format!("the interface method `{}` needs a return type", name.name),
                        method.signature.span,
                    )
                    .with_label("no `: T` after the parameters")
                    .with_help(format!("write the type it returns, `: void` when it returns nothing: `{}(…): void;`", name.name)),
                );
            }
            if let Some(first) = declared.insert(name) {
                self.report(
                    Diagnostic::error("E0120", format!("`{}` is declared twice in this interface", name.name), name.span)
                        .with_label("declared again here")
                        .with_secondary(first, "first declared here"),
                );
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
        self.sem.interfaces[id.0 as usize].members = members;
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
                        // The class, then its would-be ancestors up to it again.
                        let mut names = vec![decl.name.name.clone()];
                        let ancestors = self.sem.ancestry(parent_id).take_while(|c| *c != id);
                        names.extend(ancestors.map(|c| self.sem.class(c).name.clone()));
                        let cycle = hierarchy::Cycle { child: 0, edge: 0, path: (1..names.len()).chain([0]).collect() };
                        let chain = hierarchy::describe(&cycle, |i| names[i].clone());
                        self.report_extends_cycle("class", &decl.name.name, parent.span, chain);
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
                Some(TypeRef::Class(parent_id)) => self.extend_std_class(id, parent_id, parent.span),
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
        let mut declared = HashMap::new();
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
                        &mut declared,
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
                        &mut declared,
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

    /// `class C extends cloud.Counter`: a preflight class may extend a std
    /// resource; a built-in type (`str`, `Json`, `std.Node`) is no resource.
    fn extend_std_class(&mut self, id: ClassId, parent_id: ClassId, span: Span) {
        let parent = self.sem.class(parent_id);
        let shown = parent.qualified.clone();
        if parent.kind != ClassKind::Resource {
            self.report(
                Diagnostic::error(
                    "E0900",
                    format!("extending the built-in type `{shown}` is not supported by this version of wingc yet"),
                    span,
                )
                .with_label("not a resource")
                .with_help(format!("only resources of the standard library (`cloud.Bucket`, …) can be extended; hold a `{shown}` in a field instead")),
            );
        } else if self.sem.class(id).phase != Phase::Preflight {
            self.report(
                Diagnostic::error("E0122", "a class must extend a class of the same phase", span)
                    .with_label(format!("`{shown}` is a resource, created preflight")),
            );
        } else {
            self.sem.classes[id.0 as usize].parent = Some(parent_id);
        }
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

fn push_member(checker: &mut Checker, members: &mut Vec<MemberInfo>, declared: &mut HashMap<String, Span>, member: MemberInfo) {
    if let Some(previous) = declared.get(&member.name) {
        checker.report(
            Diagnostic::error("E0120", format!("`{}` is declared twice in this class", member.name), member.span)
                .with_secondary(*previous, "first declared here"),
        );
        return;
    }
    declared.insert(member.name.clone(), member.span);
    members.push(member);
}

/// The fields of a struct being resolved, in order, with their types by
/// name.
#[derive(Default)]
struct StructFields {
    list: Vec<(String, TypeId)>,
    types: HashMap<String, TypeId>,
}

/// Names declared so far in one declaration, with where each was first
/// declared: finds a name declared twice in constant time.
#[derive(Default)]
struct FirstDeclared<'a> {
    spans: HashMap<&'a str, Span>,
}

impl<'a> FirstDeclared<'a> {
    /// Records `name`; gives where it was declared before, if it was.
    fn insert(&mut self, name: &'a Ident) -> Option<Span> {
        match self.spans.entry(&name.name) {
            std::collections::hash_map::Entry::Occupied(first) => Some(*first.get()),
            std::collections::hash_map::Entry::Vacant(slot) => {
                slot.insert(name.span);
                None
            }
        }
    }
}

pub(super) fn phase_word(phase: Phase) -> &'static str {
    match phase {
        Phase::Preflight => "preflight",
        Phase::Inflight => "inflight",
        Phase::Independent => "phase-independent",
    }
}
