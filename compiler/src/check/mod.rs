//! Checking: takes the parsed stdlib modules and the user's module, gives
//! [`Semantics`] (types, name resolutions, call plans, closure captures and
//! lifts) plus diagnostics for unknown names, type mismatches and phase
//! errors.
//!
//! The same function serves the CLI and the language server. A program with
//! errors still yields complete tables: wrong parts get the `Error` type,
//! which fits everywhere, so one mistake is reported once.

pub mod decls;
pub mod model;
pub mod types;

mod expr;
mod scope;
mod stmt;

pub use model::*;
pub use types::{ClassId, FunctionType, StructId, Type, TypeId, Types};

use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Module;
use decls::Namespace;
use scope::{FnContext, Scope};
use std::collections::HashMap;

/// A stdlib module to declare: its name (`cloud`) and parsed declarations.
pub struct StdlibModule<'a> {
    pub name: &'a str,
    pub module: &'a Module,
}

/// Checks `program` against the given stdlib modules.
pub fn check(stdlib: &[StdlibModule<'_>], program: &Module) -> (Semantics, Vec<Diagnostic>) {
    let mut checker = Checker::new();
    for module in stdlib {
        checker.declare_stdlib_module(module.name, module.module);
    }
    checker.check_program(program);
    (checker.sem, checker.diagnostics)
}

pub(crate) struct Checker {
    sem: Semantics,
    diagnostics: Vec<Diagnostic>,
    namespaces: HashMap<String, Namespace>,
    /// Classes of the `std` module by name: `str`, `Json`, `Array`, …
    builtin: HashMap<String, ClassId>,
    scopes: Vec<Scope>,
    /// Enclosing functions, innermost last; empty at the top level.
    functions: Vec<FnContext>,
    /// The function depth each variable was declared at.
    var_depth: Vec<usize>,
    /// Loops enclosing the current statement in the current function.
    loop_depth: usize,
}

impl Checker {
    fn new() -> Checker {
        Checker {
            sem: Semantics::default(),
            diagnostics: Vec::new(),
            namespaces: HashMap::new(),
            builtin: HashMap::new(),
            scopes: vec![Scope::default()],
            functions: Vec::new(),
            var_depth: Vec::new(),
            loop_depth: 0,
        }
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    fn check_program(&mut self, program: &Module) {
        if let Some(std) = self.namespaces.get("std") {
            let functions: Vec<_> = std.functions.iter().map(|(n, f)| (n.clone(), f.clone())).collect();
            for (name, target) in functions {
                self.scopes[0].names.insert(name, scope::Binding::Extern(target));
            }
        }
        self.check_block_stmts(&program.stmts);
    }
}
