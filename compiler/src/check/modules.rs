//! Multi-file programs: takes the user's modules in dependency order (the
//! driver loads them and rejects cycles), checks each in its own top-level
//! scope, and gives every brought file's public types as a namespace that
//! `bring "./file.w" as name` binds.
//!
//! As in Wing, a brought file declares types only (`bring`, `class`,
//! `interface`, `struct`, `enum`); the entry file holds the app's code.

use super::Checker;
use super::scope::Binding;
use super::symbols::Namespace;
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Ident, Module, Span, StmtKind};
use std::collections::HashMap;

/// One user file to check.
pub struct UserModule<'a> {
    /// A stable name for the file (its path, as the driver resolved it).
    pub key: String,
    pub module: &'a Module,
    /// Each `bring "<path>"` of this file, by the path as written, to the
    /// key of the file it loads.
    pub brings: HashMap<String, String>,
}

impl Checker {
    /// Checks every module; the last one is the entry file.
    pub(super) fn check_modules(&mut self, modules: &[UserModule<'_>]) {
        for (i, module) in modules.iter().enumerate() {
            let is_entry = i + 1 == modules.len();
            self.current_brings = module.brings.clone();
            self.push_scope();
            if !is_entry {
                self.reject_code_in_library(module.module);
            }
            self.check_block_stmts(&module.module.stmts);
            let exported = self.exported_types(module.module);
            self.pop_scope();
            self.namespaces.insert(file_namespace(&module.key), exported);
        }
    }

    fn reject_code_in_library(&mut self, module: &Module) {
        for stmt in &module.stmts {
            let allowed = matches!(
                stmt.kind,
                StmtKind::Bring { .. }
                    | StmtKind::Class(_)
                    | StmtKind::Interface(_)
                    | StmtKind::Struct(_)
                    | StmtKind::Enum(_)
                    | StmtKind::Error
            );
            if !allowed {
                self.report(
                    Diagnostic::error("E0135", "a brought file can only declare types", stmt.span)
                        .with_label("not a `class`, `interface`, `struct` or `enum`")
                        .with_note("the entry file holds the app's code; the files it brings declare what it uses"),
                );
            }
        }
    }

    /// The `pub` types of the module just checked.
    fn exported_types(&self, module: &Module) -> Namespace {
        let mut namespace = Namespace::default();
        for stmt in &module.stmts {
            let (name, is_pub) = match &stmt.kind {
                StmtKind::Class(d) => (&d.name, d.is_pub),
                StmtKind::Interface(d) => (&d.name, d.is_pub),
                StmtKind::Struct(d) => (&d.name, d.is_pub),
                StmtKind::Enum(d) => (&d.name, d.is_pub),
                _ => continue,
            };
            if let Some(found) = self.sem.declarations.get(stmt.id) {
                let names = if is_pub { &mut namespace.types } else { &mut namespace.private };
                names.insert(name.name.clone(), *found);
            }
        }
        namespace
    }

    /// `bring "./file.w" as name;`
    pub(super) fn bring_file(&mut self, path: &str, alias: Option<&Ident>, span: Span) {
        let Some(alias) = alias else {
            self.report(
                Diagnostic::error("E0136", "bringing a file needs a name for it", span)
                    .with_help(format!("write `bring \"{path}\" as name;`")),
            );
            return;
        };
        let namespace = match self.current_brings.get(path) {
            Some(key) if key.ends_with('/') => self.directory_namespace(&key.clone(), span),
            Some(key) => file_namespace(key),
            None => {
                // The loader reported why; uses of the name stay silent.
                let failed = format!("failed:{path}");
                self.namespaces.insert(failed.clone(), Namespace { failed: true, ..Namespace::default() });
                failed
            }
        };
        if self.namespaces.contains_key(&namespace) {
            self.bind(&alias.name, Binding::Namespace(namespace));
        }
    }
}

impl Checker {
    /// The namespace of a brought directory (its key ends with `/`): the
    /// public types of the files directly in it, gathered once. Two files
    /// exporting one name is an error (E0146) at the `bring`.
    fn directory_namespace(&mut self, key: &str, span: Span) -> String {
        let name = file_namespace(key);
        if self.namespaces.contains_key(&name) {
            return name;
        }
        let mut subdirectories: Vec<String> = self
            .namespaces
            .keys()
            .filter_map(|k| k.strip_prefix(&name)?.split_once('/').map(|(dir, _)| dir.to_string()))
            .filter(|dir| !dir.is_empty())
            .collect();
        subdirectories.sort();
        subdirectories.dedup();
        let children: HashMap<String, String> = subdirectories
            .into_iter()
            .map(|dir| {
                let child = self.directory_namespace(&format!("{key}{dir}/"), span);
                (dir, child)
            })
            .collect();
        let mut files: Vec<(&String, &Namespace)> =
            self.namespaces.iter().filter(|(k, _)| k.strip_prefix(&name).is_some_and(|file| !file.contains('/'))).collect();
        files.sort_by(|a, b| a.0.cmp(b.0));
        let mut merged = Namespace { children, ..Namespace::default() };
        let mut clashes = Vec::new();
        for (file, namespace) in files {
            let mut exported: Vec<_> = namespace.types.iter().collect();
            exported.sort_by(|a, b| a.0.cmp(b.0));
            for (type_name, found) in exported {
                if merged.types.insert(type_name.clone(), *found).is_some() {
                    clashes.push(format!("`{type_name}` (again in {})", file.trim_start_matches("file:")));
                }
            }
            for (type_name, found) in &namespace.private {
                merged.private.entry(type_name.clone()).or_insert(*found);
            }
        }
        if !clashes.is_empty() {
            self.report(
                Diagnostic::error("E0146", format!("two files of \"{}\" export the same name", key.trim_end_matches('/')), span)
                    .with_label("this directory")
                    .with_note(format!("exported twice: {}", clashes.join(", ")))
                    .with_help("rename one of them, or make it not `pub`"),
            );
        }
        self.namespaces.insert(name.clone(), merged);
        name
    }
}

/// The namespace key of a brought file.
pub(super) fn file_namespace(key: &str) -> String {
    format!("file:{key}")
}
