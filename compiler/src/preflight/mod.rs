//! Preflight evaluation: takes the checked program, runs its top-level code
//! once, gives the [`App`]: the resource tree (with each function-like
//! resource's handler closure and handler → resource edges) and the tests.
//!
//! Errors raised while running (a duplicate resource id, a failed `assert`,
//! a `throw`) are diagnostics at the expression that raised them; evaluation
//! stops at the first one.

pub mod env;
pub mod tree;
pub mod value;

mod eval;
mod intrinsics;

use crate::check::Semantics;
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Module, Span};
use std::rc::Rc;
pub use tree::{ResourceId, ResourceTree};
pub use value::{ClosureValue, ExternValue, FnBody, FunctionValue, Ref, RefKind, Value};

/// A `test "name" { … }` block, ready to compile.
#[derive(Debug)]
pub struct TestDecl<'a> {
    pub name: String,
    pub closure: Rc<ClosureValue<'a>>,
    pub span: Span,
}

/// The result of running preflight code.
#[derive(Debug, Default)]
pub struct App<'a> {
    pub tree: ResourceTree<'a>,
    pub tests: Vec<TestDecl<'a>>,
    /// Lines printed by preflight `log` calls.
    pub logs: Vec<String>,
}

/// Runs `program`'s top-level code.
pub fn evaluate<'a>(program: &'a Module, sem: &'a Semantics) -> Result<App<'a>, Box<Diagnostic>> {
    let mut evaluator = eval::Evaluator::new(sem);
    evaluator.run(program)?;
    Ok(evaluator.into_app())
}
