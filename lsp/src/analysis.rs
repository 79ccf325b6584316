//! One document, checked: takes its path, text and the editor's other open
//! files, runs the compiler's own front end (`wingc::driver::check_with`,
//! the checker the CLI uses) and gives everything the features read: the
//! checked program, where each file lives, line indexes, and every name
//! occurrence with what it refers to ([`crate::occurrences`]).

use crate::lines::LineIndex;
use crate::occurrences::{self, Occurrence, Target};
use std::path::{Path, PathBuf};
use wingc::check::{Owner, TypeRef};
use wingc::driver::{self, Checked, Input};
use wingc::syntax::ast::{FileId, Module, Phase, Span, StmtKind};

pub struct Analysis {
    pub checked: Checked,
    /// The document's own file.
    pub entry: FileId,
    /// Each file's path on disk, by file id (stdlib files: a read-only
    /// copy written for the editor to open).
    pub paths: Vec<Option<PathBuf>>,
    pub lines: Vec<LineIndex>,
    /// Every name written in the user's files, by file and offset.
    pub occurrences: Vec<Occurrence>,
    /// Function bodies (closures, methods, tests) with their phase.
    pub bodies: Vec<(Span, Phase)>,
}

/// Checks the document at `path` with `text`; `overlay` gives the text of
/// other open documents.
pub fn analyze(path: &Path, text: &str, overlay: &dyn Fn(&Path) -> Option<String>) -> Analysis {
    let mut analysis = analyze_without_occurrences(path, text, overlay);
    analysis.occurrences = occurrences::collect(&analysis.checked);
    analysis
}

/// [`analyze`] without the name occurrences (left empty): what member
/// completion reads (the tree, the types, the function bodies), for a
/// throwaway check of the text with a placeholder at the cursor.
pub fn analyze_without_occurrences(path: &Path, text: &str, overlay: &dyn Fn(&Path) -> Option<String>) -> Analysis {
    let name = path.file_name().map_or("main.w".into(), |n| n.to_string_lossy().into_owned());
    let dir = path.parent().filter(|d| !d.as_os_str().is_empty());
    let checked = driver::check_with(Input { name: &name, text, dir, out_dir: None }, overlay);
    let entry = checked.program().file;
    let stdlib_dir = stdlib_dir();
    let mut paths = Vec::new();
    let mut lines = Vec::new();
    for (_, file) in checked.sources.files() {
        let path = match file.name.strip_prefix("<stdlib>/") {
            Some(stdlib_file) => stdlib_dir.as_ref().map(|d| d.join(stdlib_file)),
            None => dir.map_or_else(|| Some(PathBuf::from(&file.name)), |d| Some(d.join(&file.name))),
        };
        paths.push(path);
        lines.push(LineIndex::new(&file.text));
    }
    let bodies = occurrences::bodies(&checked);
    Analysis { checked, entry, paths, lines, occurrences: Vec::new(), bodies }
}

/// A folder holding the stdlib's `.w` files (written once per process), so
/// that "go to definition" can open them.
fn stdlib_dir() -> Option<PathBuf> {
    static DIR: std::sync::OnceLock<Option<PathBuf>> = std::sync::OnceLock::new();
    DIR.get_or_init(|| {
        let dir = std::env::temp_dir().join(format!("wingc-stdlib-{}", env!("CARGO_PKG_VERSION")));
        std::fs::create_dir_all(&dir).ok()?;
        for (_, file, source) in wingc::stdlib::MODULES {
            let path = dir.join(file);
            if std::fs::read_to_string(&path).ok().as_deref() != Some(source) {
                std::fs::write(&path, source).ok()?;
            }
        }
        Some(dir)
    })
    .clone()
}

impl Analysis {
    pub fn text(&self, file: FileId) -> &str {
        &self.checked.sources.get(file).text
    }

    pub fn is_stdlib(&self, file: FileId) -> bool {
        self.checked.sources.get(file).name.starts_with("<stdlib>/")
    }

    /// The parsed module of a file (stdlib or user).
    pub fn module(&self, file: FileId) -> Option<&Module> {
        self.checked.stdlib.iter().map(|(_, m)| m).chain(self.checked.files.iter().map(|f| &f.module)).find(|m| m.file == file)
    }

    /// The file id of a path among this analysis's user files.
    pub fn file_of(&self, path: &Path) -> Option<FileId> {
        self.paths.iter().position(|p| p.as_deref() == Some(path)).map(|i| FileId(i as u32))
    }

    /// The occurrence under `offset` in `file` (a name touching the cursor
    /// on either side).
    pub fn occurrence_at(&self, file: FileId, offset: usize) -> Option<&Occurrence> {
        let offset = offset as u32;
        let in_file = || self.occurrences.iter().filter(move |o| o.span.file == file);
        in_file()
            .find(|o| o.span.start <= offset && offset < o.span.end)
            .or_else(|| in_file().find(|o| o.span.end == offset && o.span.start < offset))
    }

    /// The phase of the code at `offset`: the innermost function body
    /// around it, preflight at the top level.
    pub fn phase_at(&self, file: FileId, offset: usize) -> Phase {
        let offset = offset as u32;
        self.bodies
            .iter()
            .filter(|(s, _)| s.file == file && s.start < offset && offset < s.end)
            .min_by_key(|(s, _)| s.end - s.start)
            .map_or(Phase::Preflight, |(_, p)| *p)
    }

    /// Where a target is declared: the span of its name.
    pub fn definition(&self, target: &Target) -> Option<Span> {
        let sem = &self.checked.semantics;
        let span = match target {
            Target::Var(v) => sem.var(*v).span,
            Target::Type(t) => type_span(sem, *t),
            Target::Member { owner: Owner::Class(c), name } => sem.find_member(*c, name)?.1.span,
            Target::Member { owner: Owner::Interface(i), name } => {
                sem.interface(*i).members.iter().find(|m| m.name == *name)?.span
            }
            Target::StructField { id, name } => self.struct_field_span(sem.structure(*id).span, name)?,
            Target::EnumVariant { id, name } => {
                let decl = self.top_level(sem.enumeration(*id).span)?;
                match &decl.kind {
                    StmtKind::Enum(e) => e.variants.iter().find(|v| v.name == *name)?.span,
                    _ => return None,
                }
            }
            Target::Function { module, name } => self.stdlib_function(module, name)?,
            Target::Namespace(_) => return None,
        };
        Some(self.name_within(span, target.name(sem)))
    }

    /// A declaration's span narrowed to where its name is written (stdlib
    /// members are recorded with the whole declaration).
    fn name_within(&self, span: Span, name: &str) -> Span {
        let text = self.checked.sources.snippet(span);
        if text == name || name.is_empty() {
            return span;
        }
        let is_word = |c: char| c.is_alphanumeric() || c == '_';
        let found = text.match_indices(name).find(|(i, _)| {
            let before = text[..*i].chars().next_back();
            let after = text[i + name.len()..].chars().next();
            !before.is_some_and(is_word) && !after.is_some_and(is_word)
        });
        match found {
            Some((i, _)) => Span { file: span.file, start: span.start + i as u32, end: span.start + (i + name.len()) as u32 },
            None => span,
        }
    }

    /// The top-level statement declaring a type whose name is at `name`.
    pub fn top_level(&self, name: Span) -> Option<&wingc::syntax::ast::Stmt> {
        self.module(name.file)?.stmts.iter().find(|s| declared_name(s) == Some(name))
    }

    fn struct_field_span(&self, struct_name: Span, field: &str) -> Option<Span> {
        let sem = &self.checked.semantics;
        let StmtKind::Struct(decl) = &self.top_level(struct_name)?.kind else { return None };
        if let Some(f) = decl.fields.iter().find(|f| f.name.name == field) {
            return Some(f.name.span);
        }
        decl.extends.iter().find_map(|parent| {
            let name = parent.path.last()?;
            let parent_id = sem.structs.iter().position(|s| s.name == name.name)?;
            self.struct_field_span(sem.structs[parent_id].span, field)
        })
    }

    fn stdlib_function(&self, module: &str, name: &str) -> Option<Span> {
        let (_, parsed) = self.checked.stdlib.iter().find(|(m, _)| *m == module)?;
        parsed.stmts.iter().find_map(|s| match &s.kind {
            StmtKind::ExternFunction(sig) if sig.name.name == name => Some(sig.name.span),
            StmtKind::ExternConstant { name: n, .. } if n.name == name => Some(n.span),
            _ => None,
        })
    }

    /// The comment lines right above a declaration (its documentation).
    pub fn doc_comment(&self, span: Span) -> Option<String> {
        let text = self.text(span.file);
        let line_start = text[..(span.start as usize).min(text.len())].rfind('\n').map_or(0, |i| i + 1);
        let mut lines: Vec<&str> = Vec::new();
        for line in text[..line_start].lines().rev() {
            let trimmed = line.trim();
            match trimmed.strip_prefix("///").or_else(|| trimmed.strip_prefix("//")) {
                Some(comment) => lines.push(comment.strip_prefix(' ').unwrap_or(comment)),
                None => break,
            }
        }
        lines.reverse();
        (!lines.is_empty()).then(|| lines.join("\n"))
    }
}

fn type_span(sem: &wingc::check::Semantics, t: TypeRef) -> Span {
    match t {
        TypeRef::Class(c) => sem.class(c).span,
        TypeRef::Struct(s) => sem.structure(s).span,
        TypeRef::Interface(i) => sem.interface(i).span,
        TypeRef::Enum(e) => sem.enumeration(e).span,
    }
}

fn declared_name(stmt: &wingc::syntax::ast::Stmt) -> Option<Span> {
    match &stmt.kind {
        StmtKind::Class(c) => Some(c.name.span),
        StmtKind::Struct(s) => Some(s.name.span),
        StmtKind::Interface(i) => Some(i.name.span),
        StmtKind::Enum(e) => Some(e.name.span),
        _ => None,
    }
}
