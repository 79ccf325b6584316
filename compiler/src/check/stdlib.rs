//! The standard library's declarations: takes a stdlib module's AST
//! (`stdlib/cloud.w`), gives its classes, structs, enums and functions in
//! the checker's tables and a [`Namespace`] that `bring` binds.
//!
//! `std`'s classes (`str`, `Array`, `Json`, …) are the member tables of the
//! built-in types; the other modules' classes are resources.

use super::Checker;
use super::annotations::TypeScope;
use super::model::ExternRef;
use super::symbols::{
    ClassInfo, ClassKind, Constructor, EnumInfo, MemberInfo, MemberKind, Namespace, Owner, StructInfo, TypeRef,
};
use super::types::{ClassId, EnumId, InterfaceId, StructId, Type};
use crate::syntax::ast::{ClassDecl, ClassMember, Ident, Module, Phase, StmtKind, StructDecl};
use std::collections::HashMap;

impl Checker {
    /// Declares one stdlib module: first every type name, then members.
    pub(super) fn declare_stdlib_module(&mut self, name: &str, module: &Module) {
        let mut namespace = Namespace::default();
        for stmt in &module.stmts {
            match &stmt.kind {
                StmtKind::Class(class) => {
                    let id = self.add_stdlib_class(name, class);
                    namespace.types.insert(class.name.name.clone(), TypeRef::Class(id));
                }
                StmtKind::Struct(decl) => {
                    let id = StructId(self.sem.structs.len() as u32);
                    let qualified = qualify(name, &decl.name.name);
                    self.sem.types.name_struct(id, qualified.clone());
                    self.sem.structs.push(StructInfo::new(decl.name.name.clone(), qualified, true, decl.span));
                    namespace.types.insert(decl.name.name.clone(), TypeRef::Struct(id));
                }
                StmtKind::Interface(decl) => {
                    let id = self.add_interface(decl);
                    let qualified = qualify(name, &decl.name.name);
                    self.sem.types.name_interface(id, qualified.clone());
                    self.sem.interfaces[id.0 as usize].qualified = qualified;
                    namespace.types.insert(decl.name.name.clone(), TypeRef::Interface(id));
                }
                StmtKind::Enum(decl) => {
                    let id = EnumId(self.sem.enums.len() as u32);
                    let qualified = qualify(name, &decl.name.name);
                    self.sem.types.name_enum(id, qualified.clone());
                    self.sem.enums.push(EnumInfo {
                        name: decl.name.name.clone(),
                        qualified,
                        variants: decl.variants.iter().map(|v| v.name.clone()).collect(),
                        is_pub: true,
                        span: decl.span,
                    });
                    namespace.types.insert(decl.name.name.clone(), TypeRef::Enum(id));
                }
                _ => {}
            }
        }
        for stmt in &module.stmts {
            match &stmt.kind {
                StmtKind::Class(class) => {
                    if let Some(TypeRef::Class(id)) = namespace.types.get(&class.name.name).copied() {
                        self.declare_stdlib_members(id, class, &namespace);
                    }
                }
                StmtKind::Struct(decl) => {
                    if let Some(TypeRef::Struct(id)) = namespace.types.get(&decl.name.name).copied() {
                        self.declare_stdlib_struct(id, decl, &namespace);
                    }
                }
                StmtKind::Interface(decl) => {
                    if let Some(TypeRef::Interface(id)) = namespace.types.get(&decl.name.name).copied() {
                        let parents = decl.extends.iter().filter_map(|p| self.stdlib_interface(&p.path, &namespace)).collect();
                        self.sem.interfaces[id.0 as usize].extends = parents;
                        self.resolve_interface_members(
                            id,
                            decl,
                            TypeScope { local: Some(&namespace), type_params: &[], inflight: false },
                        );
                    }
                }
                StmtKind::ExternFunction(sig) => {
                    let phase = sig.modifiers.phase.unwrap_or(Phase::Preflight);
                    let scope = TypeScope { local: Some(&namespace), type_params: &[], inflight: false };
                    let declared = self.resolve_signature(sig, scope, phase);
                    let target = ExternRef {
                        module: name.to_string(),
                        name: sig.name.name.clone(),
                        signature: declared.clone(),
                        declared,
                        has_receiver: false,
                        phase,
                    };
                    namespace.functions.insert(sig.name.name.clone(), target);
                }
                StmtKind::ExternConstant { modifiers, name: constant, ty } => {
                    let phase = modifiers.phase.unwrap_or(Phase::Preflight);
                    let ty = self.resolve_type(ty, TypeScope { local: Some(&namespace), type_params: &[], inflight: false });
                    let signature = super::types::FunctionType::new(phase, Vec::new(), ty);
                    let target = ExternRef {
                        module: name.to_string(),
                        name: constant.name.clone(),
                        signature: signature.clone(),
                        declared: signature,
                        has_receiver: false,
                        phase,
                    };
                    namespace.constants.insert(constant.name.clone(), target);
                }
                _ => {}
            }
        }
        if name == "std" {
            if let Some(TypeRef::Interface(id)) = namespace.types.get("IResource") {
                self.sem.resource_interface = Some(*id);
            }
            for (class_name, found) in &namespace.types {
                if let TypeRef::Class(id) = found {
                    self.builtin.insert(class_name.clone(), *id);
                }
            }
            for (mutable, immutable) in [("MutArray", "Array"), ("MutMap", "Map"), ("MutSet", "Set")] {
                if let (Some(m), Some(i)) = (self.builtin.get(mutable), self.builtin.get(immutable)) {
                    self.sem.classes[m.0 as usize].parent = Some(*i);
                }
            }
        }
        self.namespaces.insert(name.to_string(), namespace);
    }

    fn add_stdlib_class(&mut self, module: &str, class: &ClassDecl) -> ClassId {
        let id = ClassId(self.sem.classes.len() as u32);
        let qualified = qualify(module, &class.name.name);
        self.sem.types.name_class(id, qualified.clone());
        let (kind, phase) =
            if module == "std" { (ClassKind::Builtin, Phase::Independent) } else { (ClassKind::Resource, Phase::Preflight) };
        self.sem.classes.push(ClassInfo {
            name: class.name.name.clone(),
            qualified,
            module: module.to_string(),
            kind,
            phase,
            type_params: class.type_params.iter().map(|p| p.name.clone()).collect(),
            parent: None,
            interfaces: Vec::new(),
            members: Vec::new(),
            member_index: HashMap::new(),
            constructor: None,
            inflight_init: None,
            decl: None,
            is_pub: true,
            span: class.span,
        });
        id
    }

    fn declare_stdlib_members(&mut self, id: ClassId, class: &ClassDecl, namespace: &Namespace) {
        let type_params = self.sem.class(id).type_params.clone();
        let scope = TypeScope { local: Some(namespace), type_params: &type_params, inflight: false };
        let parent = class.extends.as_ref().and_then(|p| match namespace.types.get(&p.path.last()?.name) {
            Some(TypeRef::Class(parent)) => Some(*parent),
            _ => None,
        });
        let mut members = Vec::new();
        let mut constructor = None;
        for member in &class.members {
            match member {
                ClassMember::Method(method) if method.is_constructor => {
                    let signature = self.resolve_signature(&method.signature, scope, Phase::Preflight);
                    constructor = Some(Constructor { signature, decl: None });
                }
                ClassMember::Method(method) => {
                    let m = &method.modifiers;
                    let phase = m.phase.unwrap_or(Phase::Preflight);
                    let signature = self.resolve_signature(&method.signature, scope, phase);
                    members.push(MemberInfo {
                        name: method.signature.name.name.clone(),
                        kind: MemberKind::Method(signature),
                        phase,
                        is_static: m.is_static,
                        is_extern: m.is_extern,
                        visibility: m.visibility,
                        owner: Owner::Class(id),
                        decl: None,
                        span: method.span,
                    });
                }
                ClassMember::Field { modifiers, reassignable, name, ty, span } => {
                    let ty = self.resolve_type(ty, scope);
                    // `extern var`: a host property preflight code can set.
                    let kind =
                        if *reassignable { MemberKind::Field { ty, reassignable: true } } else { MemberKind::Property(ty) };
                    members.push(MemberInfo {
                        name: name.name.clone(),
                        kind,
                        phase: modifiers.phase.unwrap_or(Phase::Preflight),
                        is_static: modifiers.is_static,
                        is_extern: modifiers.is_extern,
                        visibility: modifiers.visibility,
                        owner: Owner::Class(id),
                        decl: None,
                        span: *span,
                    });
                }
            }
        }
        let interfaces = class.implements.iter().filter_map(|i| self.stdlib_interface(&i.path, namespace)).collect();
        let info = &mut self.sem.classes[id.0 as usize];
        info.interfaces = interfaces;
        info.member_index = members.iter().enumerate().map(|(i, m)| (m.name.clone(), i)).collect();
        info.members = members;
        info.constructor = constructor;
        info.parent = parent;
    }

    /// An interface a stdlib class implements: its own module's
    /// (`IFunctionHandler`) or std's (`std.IInflightHost`).
    fn stdlib_interface(&self, path: &[Ident], namespace: &Namespace) -> Option<InterfaceId> {
        let found = match path {
            [name] => namespace.types.get(&name.name),
            [module, name] if module.name == "std" => self.namespaces.get("std")?.types.get(&name.name),
            _ => None,
        };
        match found {
            Some(TypeRef::Interface(id)) => Some(*id),
            _ => None,
        }
    }

    fn declare_stdlib_struct(&mut self, id: StructId, decl: &StructDecl, namespace: &Namespace) {
        let scope = TypeScope { local: Some(namespace), type_params: &[], inflight: false };
        let mut fields = Vec::new();
        for parent in &decl.extends {
            if let Some(TypeRef::Struct(parent)) = parent.path.last().and_then(|p| namespace.types.get(&p.name)) {
                fields.extend(self.sem.structure(*parent).fields.clone());
            }
        }
        for field in &decl.fields {
            let ty = self.resolve_type(&field.ty, scope);
            fields.push((field.name.name.clone(), ty));
        }
        self.sem.structs[id.0 as usize].set_fields(fields);
    }

    /// The member table of a built-in type, with the substitution of its
    /// type parameter: `Array<str>` is class `Array` with `T = str`.
    pub(super) fn builtin_class(&self, ty: &Type) -> Option<(ClassId, Option<super::types::TypeId>)> {
        let (name, arg) = match ty {
            Type::Str => ("str", None),
            Type::Num => ("num", None),
            Type::Bool => ("bool", None),
            Type::Duration => ("duration", None),
            Type::Datetime => ("datetime", None),
            Type::Json => ("Json", None),
            Type::MutJson => ("MutJson", None),
            Type::Array(t) => ("Array", Some(*t)),
            Type::MutArray(t) => ("MutArray", Some(*t)),
            Type::Map(t) => ("Map", Some(*t)),
            Type::MutMap(t) => ("MutMap", Some(*t)),
            Type::Set(t) => ("Set", Some(*t)),
            Type::MutSet(t) => ("MutSet", Some(*t)),
            _ => return None,
        };
        self.builtin.get(name).map(|id| (*id, arg))
    }
}

/// `cloud.Bucket`; `std`'s names stay bare.
fn qualify(module: &str, name: &str) -> String {
    if module == "std" { name.to_string() } else { format!("{module}.{name}") }
}
