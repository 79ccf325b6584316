//! The pipeline in one call: takes a program's name and text, runs syntax,
//! checking, preflight evaluation and code generation, gives either the
//! compiled app (manifest + bundles) or the diagnostics. The CLI and the
//! language server both call in here.

use crate::check::{self, Semantics, StdlibModule};
use crate::diagnostics::{Diagnostic, SourceMap};
use crate::syntax::{self, ast::Module};
use crate::targets::sim::{self, SimApp};
use crate::{preflight, stdlib};

/// The front end's result: every file, the parsed stdlib and program, the
/// checker's tables and every diagnostic (empty when the program is valid).
pub struct Checked {
    pub sources: SourceMap,
    pub stdlib: Vec<(&'static str, Module)>,
    pub program: Module,
    pub semantics: Semantics,
    pub diagnostics: Vec<Diagnostic>,
}

/// Parses and checks `text` (named `name` in messages).
pub fn check(name: &str, text: &str) -> Checked {
    let mut sources = SourceMap::default();
    let mut ids = syntax::NodeIdGen::default();
    let mut diagnostics = Vec::new();
    let mut stdlib_modules = Vec::new();
    for (module, file, source) in stdlib::MODULES {
        let file_id = sources.add(format!("<stdlib>/{file}"), source);
        let (parsed, errors) = syntax::parse(source, file_id, &mut ids);
        diagnostics.extend(errors);
        stdlib_modules.push((module, parsed));
    }
    let file_id = sources.add(name, text);
    let (program, errors) = syntax::parse(text, file_id, &mut ids);
    diagnostics.extend(errors);
    let declared: Vec<StdlibModule<'_>> = stdlib_modules.iter().map(|(name, module)| StdlibModule { name, module }).collect();
    let (semantics, errors) = check::check(&declared, &program);
    diagnostics.extend(errors);
    Checked { sources, stdlib: stdlib_modules, program, semantics, diagnostics }
}

/// A program compiled for the simulator, or why it could not be.
pub enum Compiled {
    Ok { sources: SourceMap, app: SimApp, logs: Vec<String> },
    Failed { sources: SourceMap, diagnostics: Vec<Diagnostic> },
}

/// Compiles `text` all the way to a simulator app (not yet written to disk).
pub fn compile_sim(name: &str, text: &str) -> Compiled {
    let checked = check(name, text);
    if checked.diagnostics.iter().any(Diagnostic::is_error) {
        return Compiled::Failed { sources: checked.sources, diagnostics: checked.diagnostics };
    }
    let result = preflight::evaluate(&checked.program, &checked.semantics).and_then(|app| {
        let logs = app.logs.clone();
        sim::build(&checked.semantics, &checked.sources, name, &app).map(|sim_app| (sim_app, logs))
    });
    match result {
        Ok((app, logs)) => Compiled::Ok { sources: checked.sources, app, logs },
        Err(diagnostic) => Compiled::Failed { sources: checked.sources, diagnostics: vec![*diagnostic] },
    }
}
