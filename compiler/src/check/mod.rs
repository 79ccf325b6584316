//! Checking: takes the parsed stdlib modules and the user's modules, gives
//! [`Semantics`] (types, name resolutions, call plans, function bodies with
//! their captures and lifts) plus diagnostics for unknown names, type
//! mismatches and phase errors.
//!
//! The same function serves the CLI and the language server. A program with
//! errors still yields complete tables: wrong parts get the `Error` type,
//! which fits everywhere, so one mistake is reported once.
//!
//! Files: `stdlib.rs` and `declare.rs` fill the declaration tables
//! (`symbols.rs`), `annotations.rs` reads written types, `scope.rs` and
//! `lifting.rs` resolve names and record captures and lifts, `stmt.rs`,
//! `expr.rs`, `member.rs`, `call.rs` and `literal.rs` check code,
//! `class.rs` checks class bodies, `relations.rs` decides assignability,
//! `flow.rs` answers control-flow questions.

pub mod lifting;
pub mod model;
pub mod symbols;
pub mod types;

mod annotations;
mod call;
mod class;
mod declare;
mod expr;
mod flow;
mod hierarchy;
mod infer;
mod literal;
mod member;
mod modules;
mod relations;
mod schema;
mod scope;
mod stdlib;
mod stmt;

pub use lifting::{Lift, Usage};
pub use model::*;
pub use modules::UserModule;
pub use schema::struct_schema;
pub use symbols::*;
pub use types::{ClassId, EnumId, FunctionType, InterfaceId, StructId, Type, TypeId, Types};

use crate::diagnostics::Diagnostic;
use crate::syntax::ast::Module;
use scope::{FnContext, Scope};
use std::collections::{HashMap, HashSet};

/// A stdlib module to declare: its name (`cloud`) and parsed declarations.
pub struct StdlibModule<'a> {
    pub name: &'a str,
    pub module: &'a Module,
}

/// Checks the user's modules (dependencies first, the entry file last)
/// against the given stdlib modules.
pub fn check(stdlib: &[StdlibModule<'_>], modules: &[UserModule<'_>]) -> (Semantics, Vec<Diagnostic>) {
    let mut checker = Checker::new();
    for module in stdlib {
        checker.declare_stdlib_module(module.name, module.module);
    }
    checker.bind_prelude();
    checker.check_modules(modules);
    checker.finish_inference();
    checker.resolve_flows();
    (checker.sem, checker.diagnostics)
}

pub(crate) struct Checker {
    sem: Semantics,
    diagnostics: Vec<Diagnostic>,
    namespaces: HashMap<String, symbols::Namespace>,
    /// Classes of the `std` module by name: `str`, `Json`, `Array`, …
    builtin: HashMap<String, ClassId>,
    scopes: Vec<Scope>,
    /// Enclosing functions, innermost last; empty at the top level.
    functions: Vec<FnContext>,
    /// The function depth each variable was declared at.
    var_depth: Vec<usize>,
    /// Variables whose uses are recorded in their own function's lifts: the
    /// `this` of every inflight method of a preflight class, and the
    /// resource and object parameters of inflight methods and of inflight
    /// closures bound to a `let` (see `lifting.rs`).
    local_roots: HashSet<VarId>,
    /// Inflight `let`s bound to a path: uses of them are uses of the path.
    aliases: HashMap<VarId, (usize, lifting::Path)>,
    /// Variables bound by `let` to a closure expression.
    closure_vars: HashMap<VarId, crate::syntax::ast::NodeId>,
    /// The callee expressions of the calls being checked.
    callees: HashSet<crate::syntax::ast::NodeId>,
    /// `lift { … } { … }` blocks around the current code.
    lift_blocks: usize,
    /// Functions whose bodies pass paths to known functions.
    flow_owners: Vec<crate::syntax::ast::NodeId>,
    pending_flows: lifting::PendingFlowChecks,
    /// Loops around the current top-level statement.
    top_level_loops: usize,
    /// How the module being checked resolves its file `bring`s.
    current_brings: HashMap<String, String>,
    /// Where each constructor declared so far is named (for "first one").
    method_spans: HashMap<crate::syntax::ast::NodeId, crate::syntax::ast::Span>,
    /// The `ArrayEntry` struct made for each value type of `Map.entries()`.
    map_entries: HashMap<TypeId, StructId>,
    /// Types still to be found by a later use.
    inference: infer::Inference,
    /// How many more names "did you mean" may compare (see
    /// [`scope::SUGGESTION_BUDGET`]).
    suggestions_left: std::cell::Cell<usize>,
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
            local_roots: HashSet::new(),
            aliases: HashMap::new(),
            closure_vars: HashMap::new(),
            callees: HashSet::new(),
            lift_blocks: 0,
            flow_owners: Vec::new(),
            pending_flows: lifting::PendingFlowChecks::default(),
            top_level_loops: 0,
            current_brings: HashMap::new(),
            method_spans: HashMap::new(),
            map_entries: HashMap::new(),
            inference: infer::Inference::default(),
            suggestions_left: std::cell::Cell::new(scope::SUGGESTION_BUDGET),
        }
    }

    fn report(&mut self, diagnostic: Diagnostic) {
        self.diagnostics.push(diagnostic);
    }

    /// `std`'s free functions (`log`, `assert`), visible in every file.
    fn bind_prelude(&mut self) {
        if let Some(std) = self.namespaces.get("std") {
            let functions: Vec<_> = std.functions.iter().map(|(n, f)| (n.clone(), f.clone())).collect();
            for (name, target) in functions {
                self.bind(&name, scope::Binding::Extern(target));
            }
        }
    }
}
