//! Preflight evaluation: takes the checked program, runs its top-level code
//! once, gives the [`App`]: the resource tree (with each function-like
//! resource's handler closure and handler → resource edges), the tests,
//! and the preflight objects and closures inflight code may lift.
//!
//! Errors raised while running (a duplicate resource id, an uncaught
//! `throw`, a failed `assert`) are diagnostics at the code that raised
//! them; evaluation stops at the first one.
//!
//! Files: `eval.rs` (statements), `expr.rs` (expressions), `classes.rs`
//! (user classes: `new`, fields, methods), `intrinsics.rs` (stdlib members
//! run preflight), `tree.rs` (the resource tree), `value.rs` and `env.rs`.

pub mod env;
pub mod tree;
pub mod value;

mod classes;
mod eval;
mod expr;
mod intrinsics;

use crate::check::{ClassId, Semantics};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Module, Span};
use crate::syntax::index::DeclIndex;
use env::Env;
use indexmap::IndexMap;
use std::collections::HashMap;
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

/// An instance of a user class created preflight.
#[derive(Debug, Clone)]
pub struct ObjectData {
    pub class: ClassId,
    /// Field values by name (fields not yet set are absent).
    pub fields: IndexMap<String, Value>,
    /// Its node in the resource tree (preflight classes have one).
    pub node: Option<ResourceId>,
}

/// The result of running preflight code.
#[derive(Debug, Default)]
pub struct App<'a> {
    pub tree: ResourceTree<'a>,
    pub tests: Vec<TestDecl<'a>>,
    /// Lines printed by preflight `log` calls.
    pub logs: Vec<String>,
    /// What `RefKind::Function` refs point at.
    pub functions: Vec<FunctionValue<'a>>,
    /// What `RefKind::Object` refs point at.
    pub objects: Vec<ObjectData>,
    /// The environment each user class was declared in: what its methods
    /// see of the variables around it.
    pub class_envs: HashMap<ClassId, Rc<Env>>,
    /// What `@filename`, `@dirname` and `@target` give (`@app` is the
    /// app itself, whose members read these).
    pub file_name: String,
    pub dir_name: String,
    pub target: String,
    /// `app.workdir`: the `.wing` directory of the compiled app.
    pub workdir: String,
}

/// The program being evaluated: its entry file's name, the directory its
/// relative paths start from, the target it is compiled for (`sim`,
/// `tf-aws`) and the directory its preflight code may write to
/// (`app.workdir`, as Wing's: `.wing` in the compiled app's directory).
#[derive(Debug, Clone, Copy)]
pub struct Program<'p> {
    pub name: &'p str,
    pub dir: Option<&'p std::path::Path>,
    pub target: &'p str,
    pub workdir: &'p std::path::Path,
}

impl<'a> App<'a> {
    /// The function a value is, if it is one.
    pub fn function(&self, value: &Value) -> Option<&FunctionValue<'a>> {
        match value {
            Value::Ref(Ref { kind: RefKind::Function, id }) => self.functions.get(*id as usize),
            _ => None,
        }
    }

    /// The object a value is, if it is one.
    pub fn object(&self, value: &Value) -> Option<&ObjectData> {
        match value {
            Value::Ref(Ref { kind: RefKind::Object, id }) => self.objects.get(*id as usize),
            _ => None,
        }
    }
}

/// Runs the top-level code of every module, brought files (which only
/// declare types) first and the entry file last.
pub fn evaluate<'a>(
    modules: impl IntoIterator<Item = &'a Module>,
    sem: &'a Semantics,
    index: &'a DeclIndex<'a>,
    program: Program<'_>,
) -> Result<App<'a>, Box<Diagnostic>> {
    let mut evaluator = eval::Evaluator::new(sem, index, program);
    for module in modules {
        evaluator.run(module)?;
    }
    Ok(evaluator.into_app())
}
