//! Loading a program's files: takes the entry file's name, text and
//! directory, gives every file it brings (transitively; for a directory,
//! each `.w` file directly in it) parsed, in dependency order with the
//! entry file last, each with how its `bring "<path>"` statements resolve
//! (a directory to its key ending in `/`). A file that cannot be read, or a
//! cycle of brings, is a diagnostic at the `bring` that caused it.

use crate::diagnostics::{Diagnostic, SourceMap};
use crate::syntax::ast::{BringTarget, Module, Span, StmtKind};
use crate::syntax::{self, NodeIdGen};
use std::collections::HashMap;
use std::path::{Component, Path, PathBuf};

/// One parsed user file.
pub struct LoadedFile {
    /// The file's path relative to the entry file's directory (its name in
    /// messages); the entry file's own name for the entry.
    pub key: String,
    pub module: Module,
    /// Written `bring` path → key of the file it loads.
    pub brings: HashMap<String, String>,
}

/// The text of a file as an editor holds it (unsaved changes), if it does:
/// the language server's view of a path; the CLI reads every file from disk.
pub type Overlay<'a> = &'a dyn Fn(&Path) -> Option<String>;

/// Loads `entry` and everything it brings (a brought file's text comes
/// from `overlay` when it has one, else from disk).
pub fn load(
    entry_name: &str,
    entry_text: &str,
    dir: Option<&Path>,
    overlay: Overlay<'_>,
    sources: &mut SourceMap,
    ids: &mut NodeIdGen,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<LoadedFile> {
    let mut loader = Loader { dir, overlay, sources, ids, diagnostics, done: Vec::new(), loading: Vec::new() };
    loader.load(entry_name.to_string(), entry_text.to_string());
    loader.done
}

struct Loader<'a> {
    dir: Option<&'a Path>,
    overlay: Overlay<'a>,
    sources: &'a mut SourceMap,
    ids: &'a mut NodeIdGen,
    diagnostics: &'a mut Vec<Diagnostic>,
    done: Vec<LoadedFile>,
    /// Keys of the files being loaded, outermost first.
    loading: Vec<String>,
}

impl Loader<'_> {
    fn load(&mut self, key: String, text: String) {
        let file = self.sources.add(key.clone(), text);
        let (module, errors) = syntax::parse(&self.sources.get(file).text, file, self.ids);
        self.diagnostics.extend(errors);
        self.loading.push(key.clone());
        let mut brings = HashMap::new();
        for (written, span) in file_brings(&module) {
            if let Some(target) = self.bring(&key, &written, span) {
                brings.insert(written, target);
            }
        }
        self.loading.pop();
        self.done.push(LoadedFile { key, module, brings });
    }

    /// Loads the file `written` names, relative to the file `from`; gives
    /// its key.
    fn bring(&mut self, from: &str, written: &str, span: Span) -> Option<String> {
        let key = normalize(&Path::new(from).parent().unwrap_or(Path::new("")).join(written));
        if self.loading.contains(&key) {
            let mut cycle = self.loading[self.loading.iter().position(|k| *k == key).unwrap_or(0)..].to_vec();
            cycle.push(key.clone());
            self.diagnostics.push(
                Diagnostic::error(
                    "E0141",
                    format!("\"{written}\" brings this file back: the files bring each other in a cycle"),
                    span,
                )
                .with_label("cyclic bring")
                .with_note(format!("the cycle: {}", cycle.join(" → ")))
                .with_help("move what both files need into a third file that both bring"),
            );
            return None;
        }
        if self.done.iter().any(|f| f.key == key) {
            return Some(key);
        }
        let Some(dir) = self.dir else {
            self.diagnostics.push(Diagnostic::error(
                "E0139",
                format!("cannot bring \"{written}\": the program has no directory"),
                span,
            ));
            return None;
        };
        let path = dir.join(&key);
        if path.is_dir() {
            return self.bring_directory(from, written, &key, &path, span);
        }
        match (self.overlay)(&path).map_or_else(|| std::fs::read_to_string(&path), Ok) {
            Ok(text) => {
                self.load(key.clone(), text);
                Some(key)
            }
            Err(error) => {
                self.diagnostics.push(
                    Diagnostic::error("E0139", format!("cannot bring \"{written}\""), span)
                        .with_label(format!("{key}: {}", io_reason(&error))),
                );
                None
            }
        }
    }
}

impl Loader<'_> {
    /// `bring "./lib" as lib;`: loads every `.w` file in the directory (in
    /// name order), and its subdirectories that hold some the same way;
    /// gives the directory's key, `lib/`, under which the checker gathers
    /// their public types (a subdirectory's as `lib.sub.Type`).
    fn bring_directory(&mut self, from: &str, written: &str, key: &str, path: &Path, span: Span) -> Option<String> {
        let mut files: Vec<String> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|entry| entry.path().is_file())
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .filter(|name| name.ends_with(".w") && !name.ends_with(".test.w"))
            .collect();
        files.sort();
        if files.is_empty() {
            self.diagnostics.push(
                Diagnostic::error("E0139", format!("cannot bring \"{written}\""), span)
                    .with_label(format!("{key}: a directory without `.w` files")),
            );
            return None;
        }
        let written = written.trim_end_matches('/');
        for file in files {
            self.bring(from, &format!("{written}/{file}"), span)?;
        }
        let mut subdirectories: Vec<String> = std::fs::read_dir(path)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|entry| holds_wing_files(&entry.path()))
            .map(|entry| entry.file_name().to_string_lossy().into_owned())
            .collect();
        subdirectories.sort();
        for subdirectory in subdirectories {
            self.bring(from, &format!("{written}/{subdirectory}"), span)?;
        }
        Some(format!("{key}/"))
    }
}

/// Whether `path` is a directory with a `.w` file in it.
fn holds_wing_files(path: &Path) -> bool {
    path.is_dir()
        && std::fs::read_dir(path).into_iter().flatten().flatten().any(|entry| {
            let name = entry.file_name().to_string_lossy().into_owned();
            entry.path().is_file() && name.ends_with(".w") && !name.ends_with(".test.w")
        })
}

/// Why a file could not be read, without the OS's error code.
fn io_reason(error: &std::io::Error) -> &'static str {
    match error.kind() {
        std::io::ErrorKind::NotFound => "no such file",
        std::io::ErrorKind::PermissionDenied => "permission denied",
        std::io::ErrorKind::InvalidData => "not UTF-8 text",
        _ => "cannot be read",
    }
}

/// The `bring "<path>"` statements of a module, with the path's span.
fn file_brings(module: &Module) -> Vec<(String, Span)> {
    module
        .stmts
        .iter()
        .filter_map(|stmt| match &stmt.kind {
            StmtKind::Bring { target: BringTarget::File { path, span }, .. } => Some((path.clone(), *span)),
            _ => None,
        })
        .collect()
}

/// `a/./b/../c.w` as `a/c.w`, with `/` separators.
fn normalize(path: &Path) -> String {
    let mut parts: Vec<String> = Vec::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir if parts.last().is_some_and(|p| p != "..") => {
                parts.pop();
            }
            other => parts.push(other.as_os_str().to_string_lossy().into_owned()),
        }
    }
    PathBuf::from_iter(&parts).to_string_lossy().replace('\\', "/")
}

#[cfg(test)]
mod tests {
    use super::normalize;
    use std::path::Path;

    #[test]
    fn paths_normalize_relative_to_the_entry_directory() {
        assert_eq!(normalize(Path::new("./lib.w")), "lib.w");
        assert_eq!(normalize(Path::new("lib/../shared/./x.w")), "shared/x.w");
        assert_eq!(normalize(Path::new("../up.w")), "../up.w");
    }
}
