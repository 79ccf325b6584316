//! The pipeline in one call: takes a program (its entry file's name, text
//! and directory), runs syntax, checking, preflight evaluation and code
//! generation, gives either the compiled app (manifest + bundles) or the
//! diagnostics. The CLI and the language server both call in here.

mod loader;

use crate::check::{self, Semantics, StdlibModule, UserModule};
use crate::diagnostics::{Diagnostic, SourceMap};
use crate::stack::on_compile_thread;
use crate::syntax::ast::{FileId, Span};
use crate::syntax::index::DeclIndex;
use crate::syntax::{self, ast::Module};
use crate::targets::sim::{self, SimApp};
use crate::targets::tf_aws::{self, TfAwsApp};
use crate::{preflight, stdlib};
use std::collections::{BTreeMap, HashMap};
use std::path::Path;

pub use loader::{LoadedFile, Overlay};

/// A program to compile: its entry file, the directory its `bring`s
/// are relative to (`None` for a text with no file behind it) and where
/// the compiled app goes (`-o`; `None`: `target/<stem>.<wsim|tfaws>` in
/// that directory), whose `.wing` is the app's `workdir`.
#[derive(Debug, Clone, Copy)]
pub struct Input<'a> {
    pub name: &'a str,
    pub text: &'a str,
    pub dir: Option<&'a Path>,
    pub out_dir: Option<&'a Path>,
}

impl Input<'_> {
    /// Where the app compiled for `target` goes (see [`Input::out_dir`]).
    pub fn output(&self, target: &str) -> std::path::PathBuf {
        if let Some(out_dir) = self.out_dir {
            return out_dir.to_path_buf();
        }
        let stem = Path::new(self.name).file_stem().map_or("main".into(), |s| s.to_string_lossy());
        let extension = if target == "tf-aws" { "tfaws" } else { "wsim" };
        self.dir.unwrap_or(Path::new(".")).join("target").join(format!("{stem}.{extension}"))
    }
}

/// The front end's result: every file, the parsed stdlib and user files
/// (the entry file last), the checker's tables and every diagnostic (empty
/// when the program is valid).
pub struct Checked {
    pub sources: SourceMap,
    pub stdlib: Vec<(&'static str, Module)>,
    pub files: Vec<LoadedFile>,
    pub semantics: Semantics,
    pub diagnostics: Vec<Diagnostic>,
}

impl Checked {
    /// The entry file's module.
    pub fn program(&self) -> &Module {
        &self.files.last().expect("the entry file is always loaded").module
    }
}

/// Parses and checks a program (every file from disk).
pub fn check(input: Input<'_>) -> Checked {
    check_with(input, &|_| None)
}

/// Parses and checks a program whose brought files may be open in an
/// editor: `overlay` gives their unsaved text (the language server).
pub fn check_with(input: Input<'_>, overlay: Overlay<'_>) -> Checked {
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
    let files = loader::load(input.name, input.text, input.dir, overlay, &mut sources, &mut ids, &mut diagnostics);
    let declared: Vec<StdlibModule<'_>> = stdlib_modules.iter().map(|(name, module)| StdlibModule { name, module }).collect();
    let modules: Vec<UserModule<'_>> =
        files.iter().map(|f| UserModule { key: f.key.clone(), module: &f.module, brings: f.brings.clone() }).collect();
    let (semantics, errors) = check::check(&declared, &modules);
    diagnostics.extend(without_cascades(errors, &diagnostics, &sources));
    Checked { sources, stdlib: stdlib_modules, files, semantics, diagnostics }
}

/// The checker's diagnostics minus those a syntax error explains: after a
/// syntax error the parser resumes with part of the code cut out, so
/// flow facts (E0207: a path without `return`) no longer hold, and errors
/// on the same line before the syntax error are about the cut-off code.
fn without_cascades(checker: Vec<Diagnostic>, syntax: &[Diagnostic], sources: &SourceMap) -> Vec<Diagnostic> {
    if !syntax.iter().any(Diagnostic::is_error) {
        return checker;
    }
    let line_of = |d: &Diagnostic| (d.span.file, sources.line_col(d.span.file, d.span.start).0);
    // The last syntax error of each line: one lookup per checker error.
    let mut last_syntax_error: HashMap<(FileId, usize), u32> = HashMap::new();
    for s in syntax {
        let last = last_syntax_error.entry(line_of(s)).or_insert(s.span.start);
        *last = (*last).max(s.span.start);
    }
    checker
        .into_iter()
        .filter(|d| d.code != "E0207")
        .filter(|d| last_syntax_error.get(&line_of(d)).is_none_or(|&last| d.span.start > last))
        .collect()
}

/// A program compiled for a target (the simulator unless said), or why
/// it could not be.
pub enum Compiled<App = SimApp> {
    Ok { sources: SourceMap, app: App, logs: Vec<String> },
    Failed { sources: SourceMap, diagnostics: Vec<Diagnostic> },
}

/// Compiles a text with no directory (it cannot bring other files) all the
/// way to a simulator app (not yet written to disk).
pub fn compile_sim(name: &str, text: &str) -> Compiled {
    compile(Input { name, text, dir: None, out_dir: None })
}

/// Compiles a program all the way to a simulator app, on a thread with a
/// stack deep enough for the depth limits of the checker and evaluator.
pub fn compile(input: Input<'_>) -> Compiled {
    on_compile_thread(|| compile_here(input, "sim").map(|(app, _)| app))
}

/// Compiles a program for AWS: the simulator app, then its Terraform and
/// asset zips (`targets::tf_aws`), with what `packing` adds to them.
pub fn compile_tf_aws(input: Input<'_>, packing: tf_aws::Packing<'_>) -> Compiled<TfAwsApp> {
    on_compile_thread(|| match compile_here(input, "tf-aws") {
        Compiled::Ok { sources, app: (app, spans), logs } => {
            let root = input.dir.unwrap_or(Path::new("."));
            let target = tf_aws::Input { manifest: &app.manifest, bundles: &app.bundles, spans: &spans, root, packing };
            match tf_aws::build(&target) {
                Ok(app) => Compiled::Ok { sources, app, logs },
                Err(diagnostics) => Compiled::Failed { sources, diagnostics },
            }
        }
        Compiled::Failed { sources, diagnostics } => Compiled::Failed { sources, diagnostics },
    })
}

/// Where each resource was created, by path.
type ResourceSpans = BTreeMap<String, Span>;

fn compile_here(input: Input<'_>, target: &str) -> Compiled<(SimApp, ResourceSpans)> {
    let checked = check(input);
    if checked.diagnostics.iter().any(Diagnostic::is_error) {
        return Compiled::Failed { sources: checked.sources, diagnostics: checked.diagnostics };
    }
    let index = DeclIndex::new(checked.files.iter().map(|f| &f.module));
    let modules = checked.files.iter().map(|f| &f.module);
    let workdir = input.output(target).join(".wing");
    let program = preflight::Program { name: input.name, dir: input.dir, target, workdir: &workdir };
    let result = preflight::evaluate(modules, &checked.semantics, &index, program).and_then(|app| {
        let logs = app.logs.clone();
        let spans = app.tree.iter().map(|(_, r)| (r.path.clone(), r.span)).collect();
        sim::build(&checked.semantics, &checked.sources, &index, input.name, &app).map(|sim_app| ((sim_app, spans), logs))
    });
    match result {
        Ok((app, logs)) => Compiled::Ok { sources: checked.sources, app, logs },
        Err(diagnostic) => Compiled::Failed { sources: checked.sources, diagnostics: vec![*diagnostic] },
    }
}

impl<App> Compiled<App> {
    fn map<Other>(self, f: impl FnOnce(App) -> Other) -> Compiled<Other> {
        match self {
            Compiled::Ok { sources, app, logs } => Compiled::Ok { sources, app: f(app), logs },
            Compiled::Failed { sources, diagnostics } => Compiled::Failed { sources, diagnostics },
        }
    }
}
