//! Written types: takes a type annotation (`Array<str>?`, `cloud.Bucket`,
//! `inflight (num): str`) and the names in scope, gives its [`TypeId`];
//! reports unknown type names.

use super::Checker;
use super::scope::{Binding, closest_name};
use super::symbols::{Namespace, TypeRef};
use super::types::{FunctionType, Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{FunctionSignatureDecl, Ident, Phase, Span, TypeAnnotation, TypeAnnotationKind};

/// Names a type annotation can resolve against, besides the built-ins and
/// the types in scope.
#[derive(Clone, Copy, Default)]
pub(super) struct TypeScope<'n> {
    /// The stdlib module being declared (its own types by bare name).
    pub local: Option<&'n Namespace>,
    pub type_params: &'n [String],
    /// The annotation is written for inflight code (an inflight closure's
    /// or method's parameters and result): its function types are inflight,
    /// as inside inflight code.
    pub inflight: bool,
}

/// The name a built-in type has in the `std` namespace, as Wing spells it
/// (`std.Json`, `std.Duration`, `std.Number`), mapped to its bare name.
pub(super) fn std_type_name(name: &str) -> Option<&'static str> {
    Some(match name {
        "Json" => "Json",
        "MutJson" => "MutJson",
        "Duration" => "duration",
        "Datetime" => "datetime",
        "Number" => "num",
        "String" => "str",
        "Boolean" => "bool",
        "Array" => "Array",
        "MutArray" => "MutArray",
        "Map" => "Map",
        "MutMap" => "MutMap",
        "Set" => "Set",
        "MutSet" => "MutSet",
        "Node" => "Node",
        "Regex" => "regex",
        _ => return None,
    })
}

/// The built-in generic collections, by name.
const COLLECTIONS: [&str; 6] = ["Array", "MutArray", "Map", "MutMap", "Set", "MutSet"];

impl Checker {
    /// The type a written annotation names, in user code.
    pub(super) fn resolve_user_type(&mut self, ann: &TypeAnnotation) -> TypeId {
        self.resolve_type(ann, TypeScope::default())
    }

    /// The type a written annotation names; reports unknown names.
    pub(super) fn resolve_type(&mut self, ann: &TypeAnnotation, scope: TypeScope<'_>) -> TypeId {
        match &ann.kind {
            // Only closure parameters leave their type out; `check_closure`
            // fills it from the expected function type.
            TypeAnnotationKind::Inferred => Types::ERROR,
            TypeAnnotationKind::Optional(inner) => {
                let inner = self.resolve_type(inner, scope);
                self.sem.types.optional(inner)
            }
            TypeAnnotationKind::Function { phase, params, result } => {
                // Inside inflight code every function is inflight.
                let inflight = scope.inflight || self.phase() == Phase::Inflight;
                let phase = if *phase == Phase::Preflight && inflight { Phase::Inflight } else { *phase };
                let params = params.iter().map(|p| self.resolve_type(p, scope)).collect();
                let result = self.resolve_type(result, scope);
                self.sem.types.function(FunctionType::new(phase, params, result))
            }
            TypeAnnotationKind::Named { path, args } => {
                let args: Vec<TypeId> = args.iter().map(|a| self.resolve_type(a, scope)).collect();
                self.resolve_named_type(path, &args, ann.span, scope)
            }
        }
    }

    /// Parameter and result types of a declared function or method.
    pub(super) fn resolve_signature(&mut self, sig: &FunctionSignatureDecl, scope: TypeScope<'_>, phase: Phase) -> FunctionType {
        let mut params_scope = scope.type_params.to_vec();
        params_scope.extend(sig.type_params.iter().map(|p| p.name.clone()));
        let scope = TypeScope { local: scope.local, type_params: &params_scope, inflight: phase == Phase::Inflight };
        let params = sig.params.iter().map(|p| self.resolve_type(&p.ty, scope)).collect();
        let result = match &sig.return_type {
            Some(ty) => self.resolve_type(ty, scope),
            None => Types::VOID,
        };
        FunctionType { phase, params, result, variadic: sig.params.last().is_some_and(|p| p.variadic) }
    }

    fn resolve_named_type(&mut self, path: &[Ident], args: &[TypeId], span: Span, scope: TypeScope<'_>) -> TypeId {
        let mut names: Vec<&str> = path.iter().map(|p| p.name.as_str()).collect();
        if let ["std", name] = names.as_slice()
            && self.lookup("std").is_none()
            && let Some(builtin) = std_type_name(name)
        {
            names = vec![builtin];
        }
        let builtin = match (names.as_slice(), args) {
            (["num"], []) => Some(Type::Num),
            (["str"], []) => Some(Type::Str),
            (["bool"], []) => Some(Type::Bool),
            (["duration"], []) => Some(Type::Duration),
            (["datetime"], []) => Some(Type::Datetime),
            (["void"], []) => Some(Type::Void),
            (["Json"], []) => Some(Type::Json),
            (["MutJson"], []) => Some(Type::MutJson),
            (["Array"], [t]) => Some(Type::Array(*t)),
            (["MutArray"], [t]) => Some(Type::MutArray(*t)),
            (["Map"], [t]) => Some(Type::Map(*t)),
            (["MutMap"], [t]) => Some(Type::MutMap(*t)),
            (["Set"], [t]) => Some(Type::Set(*t)),
            (["MutSet"], [t]) => Some(Type::MutSet(*t)),
            ([name], []) if scope.type_params.iter().any(|p| p == name) => Some(Type::Param(name.to_string())),
            _ => None,
        };
        if let Some(ty) = builtin {
            return self.sem.types.intern(ty);
        }
        // `regex` is a std class that is a type by its bare name, as in Wing.
        if let ["regex"] = names.as_slice()
            && let Some(id) = self.builtin.get("regex").copied()
        {
            return self.sem.types.intern(Type::Class(id));
        }
        if let [name] = names.as_slice()
            && COLLECTIONS.contains(name)
        {
            self.report(
                Diagnostic::error("E0201", format!("`{name}` takes one type argument"), span)
                    .with_help(format!("write it as `{name}<str>`")),
            );
            return Types::ERROR;
        }
        if let [name] = names.as_slice()
            && matches!(self.lookup(name), Some(Binding::ErasedType))
        {
            return Types::ERROR;
        }
        match self.find_type(&names, scope) {
            Some(found) => self.type_of_ref(found),
            None => {
                self.report_unknown_type(&names, span, scope);
                Types::ERROR
            }
        }
    }

    /// A declared type by its written (possibly qualified) name.
    pub(super) fn find_type(&self, names: &[&str], scope: TypeScope<'_>) -> Option<TypeRef> {
        match names {
            [name] => scope.local.and_then(|ns| ns.types.get(*name).copied()).or_else(|| match self.lookup(name) {
                Some(Binding::Type(found)) => Some(*found),
                _ => None,
            }),
            // `std.IResource`: std's own types by their qualified name
            // (unless the program binds `std` to something else).
            ["std", name] if self.lookup("std").is_none() => self.namespaces.get("std")?.types.get(*name).copied(),
            [module, inner @ .., name] => {
                let mut ns = self.brought_namespace(module)?;
                for directory in inner {
                    ns = self.namespaces.get(&ns)?.children.get(*directory)?.clone();
                }
                self.namespaces.get(&ns)?.types.get(*name).copied()
            }
            [] => None,
        }
    }

    pub(super) fn type_of_ref(&mut self, found: TypeRef) -> TypeId {
        self.sem.types.intern(match found {
            TypeRef::Class(id) => Type::Class(id),
            TypeRef::Struct(id) => Type::Struct(id),
            TypeRef::Interface(id) => Type::Interface(id),
            TypeRef::Enum(id) => Type::Enum(id),
        })
    }

    pub(super) fn report_unknown_type(&mut self, names: &[&str], span: Span, scope: TypeScope<'_>) {
        if let [module, _] = names
            && let Some(ns) = self.brought_namespace(module)
        {
            let namespace = &self.namespaces[&ns];
            if namespace.failed {
                return;
            }
            if let Some(private) = namespace.private.get(names[1]).copied() {
                let declared = self.type_span(private);
                let shown = ns.strip_prefix("file:").unwrap_or(&ns).trim_end_matches('/').to_string();
                self.report(
                    Diagnostic::error("E0143", format!("`{}` is not `pub` in \"{shown}\"", names[1]), span)
                        .with_label("not visible outside its file")
                        .with_secondary(declared, "declared here without `pub`")
                        .with_help("declare it `pub` to use it from other files"),
                );
                return;
            }
        }
        let written = names.join(".");
        let mut diagnostic = Diagnostic::error("E0202", format!("unknown type `{written}`"), span)
            .with_label("no type with this name is in scope");
        if let [module, _] = names {
            if self.brought_namespace(module).is_none() && super::stmt::BRINGABLE.contains(module) {
                diagnostic = diagnostic.with_help(format!("add `bring {module};` at the top of the file"));
            }
        } else if let [name] = names {
            let in_scope: Vec<&str> = self
                .scopes
                .iter()
                .flat_map(|s| s.names.iter())
                .filter(|(_, b)| matches!(b, Binding::Type(_)))
                .map(|(n, _)| n.as_str())
                .chain(scope.local.into_iter().flat_map(|ns| ns.types.keys().map(String::as_str)))
                .chain(["num", "str", "bool", "duration", "datetime", "Json", "MutJson", "void"])
                .chain(COLLECTIONS)
                .collect();
            if let Some(best) = closest_name(name, in_scope, &self.suggestions_left) {
                diagnostic = diagnostic.with_help(format!("did you mean `{best}`?"));
            }
        }
        self.report(diagnostic);
    }
}
