//! Declarations: takes the stdlib modules' ASTs (and later user type
//! declarations), gives the class, struct and namespace tables the checker
//! looks names and members up in, and resolves written type annotations.

use super::Checker;
use super::model::ExternRef;
use super::types::{ClassId, FunctionType, StructId, Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{
    ClassDecl, ClassMember, FunctionSignatureDecl, Module, Phase, Span, StmtKind, StructDecl, TypeAnnotation, TypeAnnotationKind,
    Visibility,
};
use std::collections::HashMap;

/// A class: a stdlib resource (`cloud.Bucket`), a built-in type's member
/// table (`str`, `Array`), or (later) a user class.
#[derive(Debug, Clone)]
pub struct ClassInfo {
    pub name: String,
    /// `cloud.Bucket`; the stdlib `std` module's classes are unqualified.
    pub qualified: String,
    pub module: String,
    pub type_params: Vec<String>,
    pub members: Vec<MemberInfo>,
    pub member_index: HashMap<String, usize>,
    /// Constructor parameters, for classes that can be instantiated.
    pub constructor: Option<FunctionType>,
    /// Preflight classes are resources: they get a node in the tree.
    pub is_resource: bool,
    pub span: Span,
}

impl ClassInfo {
    pub fn member(&self, name: &str) -> Option<&MemberInfo> {
        self.member_index.get(name).map(|i| &self.members[*i])
    }

    /// Names of the inflight methods: every operation a handle can grant.
    pub fn inflight_methods(&self) -> impl Iterator<Item = &str> {
        self.members
            .iter()
            .filter(|m| m.phase == Phase::Inflight && matches!(m.kind, MemberKind::Method(_)))
            .map(|m| m.name.as_str())
    }
}

#[derive(Debug, Clone)]
pub struct MemberInfo {
    pub name: String,
    pub kind: MemberKind,
    pub phase: Phase,
    pub is_static: bool,
    pub is_extern: bool,
    pub visibility: Visibility,
    pub span: Span,
}

#[derive(Debug, Clone)]
pub enum MemberKind {
    Method(FunctionType),
    Property(TypeId),
}

#[derive(Debug, Clone)]
pub struct StructInfo {
    pub name: String,
    pub qualified: String,
    pub fields: Vec<(String, TypeId)>,
    pub span: Span,
}

impl StructInfo {
    pub fn field(&self, name: &str) -> Option<TypeId> {
        self.fields.iter().find(|(n, _)| n == name).map(|(_, t)| *t)
    }
}

/// The public names of a stdlib module (`cloud`, `util`, …).
#[derive(Debug, Clone, Default)]
pub struct Namespace {
    pub classes: HashMap<String, ClassId>,
    pub structs: HashMap<String, StructId>,
    pub functions: HashMap<String, ExternRef>,
}

/// Names a type annotation can resolve against, besides the built-ins.
pub(super) struct TypeScope<'n> {
    /// The module being declared (its own classes and structs by bare name).
    pub local: Option<&'n Namespace>,
    pub type_params: &'n [String],
}

impl Checker {
    /// Declares one stdlib module: first every type name, then members.
    pub(super) fn declare_stdlib_module(&mut self, name: &str, module: &Module) {
        let mut namespace = Namespace::default();
        for stmt in &module.stmts {
            match &stmt.kind {
                StmtKind::Class(class) => {
                    let id = ClassId(self.sem.classes.len() as u32);
                    let qualified = qualify(name, &class.name.name);
                    self.sem.types.name_class(id, qualified.clone());
                    self.sem.classes.push(ClassInfo {
                        name: class.name.name.clone(),
                        qualified,
                        module: name.to_string(),
                        type_params: class.type_params.iter().map(|p| p.name.clone()).collect(),
                        members: Vec::new(),
                        member_index: HashMap::new(),
                        constructor: None,
                        is_resource: name != "std",
                        span: class.span,
                    });
                    namespace.classes.insert(class.name.name.clone(), id);
                }
                StmtKind::Struct(decl) => {
                    let id = StructId(self.sem.structs.len() as u32);
                    let qualified = qualify(name, &decl.name.name);
                    self.sem.types.name_struct(id, qualified.clone());
                    self.sem.structs.push(StructInfo {
                        name: decl.name.name.clone(),
                        qualified,
                        fields: Vec::new(),
                        span: decl.span,
                    });
                    namespace.structs.insert(decl.name.name.clone(), id);
                }
                _ => {}
            }
        }
        for stmt in &module.stmts {
            match &stmt.kind {
                StmtKind::Class(class) => {
                    let id = namespace.classes[&class.name.name];
                    self.declare_stdlib_class(id, class, &namespace);
                }
                StmtKind::Struct(decl) => {
                    let id = namespace.structs[&decl.name.name];
                    self.declare_struct_fields(id, decl, &namespace);
                }
                StmtKind::ExternFunction(sig) => {
                    let scope = TypeScope { local: Some(&namespace), type_params: &[] };
                    let declared = self.resolve_signature(sig, &scope);
                    let phase = sig.modifiers.phase.unwrap_or(Phase::Preflight);
                    let target = ExternRef {
                        module: name.to_string(),
                        name: sig.name.name.clone(),
                        signature: FunctionType { phase, ..declared.clone() },
                        declared: FunctionType { phase, ..declared },
                        has_receiver: false,
                        phase,
                    };
                    namespace.functions.insert(sig.name.name.clone(), target);
                }
                _ => {}
            }
        }
        if name == "std" {
            for (class_name, id) in &namespace.classes {
                self.builtin.insert(class_name.clone(), *id);
            }
        }
        self.namespaces.insert(name.to_string(), namespace);
    }

    fn declare_stdlib_class(&mut self, id: ClassId, class: &ClassDecl, namespace: &Namespace) {
        let type_params = self.sem.class(id).type_params.clone();
        let scope = TypeScope { local: Some(namespace), type_params: &type_params };
        let mut members = Vec::new();
        let mut constructor = None;
        for member in &class.members {
            match member {
                ClassMember::Method(method) if method.is_constructor => {
                    constructor = Some(self.resolve_signature(&method.signature, &scope));
                }
                ClassMember::Method(method) => {
                    let m = &method.modifiers;
                    let mut sig = self.resolve_signature(&method.signature, &scope);
                    sig.phase = m.phase.unwrap_or(Phase::Preflight);
                    members.push(MemberInfo {
                        name: method.signature.name.name.clone(),
                        kind: MemberKind::Method(sig),
                        phase: m.phase.unwrap_or(Phase::Preflight),
                        is_static: m.is_static,
                        is_extern: m.is_extern,
                        visibility: m.visibility,
                        span: method.span,
                    });
                }
                ClassMember::Field { modifiers, name, ty, span, .. } => {
                    let ty = self.resolve_type(ty, &scope);
                    members.push(MemberInfo {
                        name: name.name.clone(),
                        kind: MemberKind::Property(ty),
                        phase: modifiers.phase.unwrap_or(Phase::Preflight),
                        is_static: modifiers.is_static,
                        is_extern: modifiers.is_extern,
                        visibility: modifiers.visibility,
                        span: *span,
                    });
                }
            }
        }
        let info = &mut self.sem.classes[id.0 as usize];
        info.member_index = members.iter().enumerate().map(|(i, m)| (m.name.clone(), i)).collect();
        info.members = members;
        info.constructor = constructor;
    }

    fn declare_struct_fields(&mut self, id: StructId, decl: &StructDecl, namespace: &Namespace) {
        let scope = TypeScope { local: Some(namespace), type_params: &[] };
        let fields = decl.fields.iter().map(|f| (f.name.name.clone(), self.resolve_type(&f.ty, &scope))).collect();
        self.sem.structs[id.0 as usize].fields = fields;
    }

    pub(super) fn resolve_signature(&mut self, sig: &FunctionSignatureDecl, scope: &TypeScope<'_>) -> FunctionType {
        let mut params_scope = scope.type_params.to_vec();
        params_scope.extend(sig.type_params.iter().map(|p| p.name.clone()));
        let scope = TypeScope { local: scope.local, type_params: &params_scope };
        let params = sig.params.iter().map(|p| self.resolve_type(&p.ty, &scope)).collect();
        let result = match &sig.return_type {
            Some(ty) => self.resolve_type(ty, &scope),
            None => Types::VOID,
        };
        FunctionType { phase: sig.modifiers.phase.unwrap_or(Phase::Preflight), params, result }
    }

    /// The type a written annotation names; reports unknown names.
    pub(super) fn resolve_type(&mut self, ann: &TypeAnnotation, scope: &TypeScope<'_>) -> TypeId {
        match &ann.kind {
            TypeAnnotationKind::Optional(inner) => {
                let inner = self.resolve_type(inner, scope);
                self.sem.types.optional(inner)
            }
            TypeAnnotationKind::Function { phase, params, result } => {
                // Inside inflight code every function is inflight.
                let phase = match (phase, self.phase()) {
                    (Phase::Preflight, Phase::Inflight) => &Phase::Inflight,
                    _ => phase,
                };
                let params = params.iter().map(|p| self.resolve_type(p, scope)).collect();
                let result = self.resolve_type(result, scope);
                self.sem.types.intern(Type::Function(FunctionType { phase: *phase, params, result }))
            }
            TypeAnnotationKind::Named { path, args } => {
                let args: Vec<TypeId> = args.iter().map(|a| self.resolve_type(a, scope)).collect();
                self.resolve_named_type(path, &args, ann.span, scope)
            }
        }
    }

    fn resolve_named_type(
        &mut self,
        path: &[crate::syntax::ast::Ident],
        args: &[TypeId],
        span: Span,
        scope: &TypeScope<'_>,
    ) -> TypeId {
        let names: Vec<&str> = path.iter().map(|p| p.name.as_str()).collect();
        let builtin = match (names.as_slice(), args) {
            (["num"], []) => Some(Type::Num),
            (["str"], []) => Some(Type::Str),
            (["bool"], []) => Some(Type::Bool),
            (["duration"], []) => Some(Type::Duration),
            (["void"], []) => Some(Type::Void),
            (["Json"], []) => Some(Type::Json),
            (["MutJson"], []) => Some(Type::MutJson),
            (["Array"], [t]) => Some(Type::Array(*t)),
            (["MutArray"], [t]) => Some(Type::MutArray(*t)),
            (["Map"], [t]) => Some(Type::Map(*t)),
            (["MutMap"], [t]) => Some(Type::MutMap(*t)),
            ([name], []) if scope.type_params.iter().any(|p| p == name) => Some(Type::Param(name.to_string())),
            _ => None,
        };
        if let Some(ty) = builtin {
            return self.sem.types.intern(ty);
        }
        if matches!(names.as_slice(), ["Array" | "MutArray" | "Map" | "MutMap"]) {
            self.report(
                Diagnostic::error("E0201", format!("`{}` takes one type argument", names[0]), span)
                    .with_help(format!("write it as `{}<str>`", names[0])),
            );
            return Types::ERROR;
        }
        let found = match names.as_slice() {
            [name] => scope.local.and_then(|ns| lookup_type(ns, name)).or_else(|| self.lookup_type_in_scope(name)),
            [module, name] => self.brought_namespace(module).and_then(|ns| lookup_type(self.namespaces.get(&ns)?, name)),
            _ => None,
        };
        match found {
            Some(Type::Class(id)) => self.sem.types.intern(Type::Class(id)),
            Some(ty) => self.sem.types.intern(ty),
            None => {
                let written = names.join(".");
                self.report(
                    Diagnostic::error("E0202", format!("unknown type `{written}`"), span)
                        .with_label("no type with this name is in scope"),
                );
                Types::ERROR
            }
        }
    }
}

fn qualify(module: &str, name: &str) -> String {
    if module == "std" { name.to_string() } else { format!("{module}.{name}") }
}

fn lookup_type(ns: &Namespace, name: &str) -> Option<Type> {
    ns.classes.get(name).map(|c| Type::Class(*c)).or_else(|| ns.structs.get(name).map(|s| Type::Struct(*s)))
}
