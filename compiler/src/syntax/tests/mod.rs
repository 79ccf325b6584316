//! Tests of the syntax stage: lexer, parser (constructs, precedence,
//! recovery), snapshots of the AST outline and of rendered diagnostics,
//! the stdlib files, and robustness (random tokens, deep nesting).

mod lexer;
mod parser;
mod robust;
mod snapshots;

use crate::diagnostics::Diagnostic;
use crate::syntax::ast::FileId;
use crate::syntax::{NodeIdGen, parse, printer};

/// The outline of `src` and its diagnostics.
pub(super) fn outline(src: &str) -> (String, Vec<Diagnostic>) {
    let mut ids = NodeIdGen::new();
    let (module, diags) = parse(src, FileId(0), &mut ids);
    (printer::dump(&module), diags)
}

/// The outline of `src`, which must parse without diagnostics.
pub(super) fn ok(src: &str) -> String {
    let (out, diags) = outline(src);
    assert!(diags.is_empty(), "unexpected diagnostics for {src:?}: {diags:#?}");
    out
}
