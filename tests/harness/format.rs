//! The formatter over every `.w` file of the repository: formatting is
//! idempotent (formatting formatted code changes nothing) and keeps the
//! syntax tree (the formatted file parses to the same tree, spans aside).
//! Only files with syntax errors are refused, and those all live where
//! broken programs belong (`tests/invalid`, `tests/tf-aws/errors`).

#[allow(dead_code, reason = "each harness uses part of the shared helpers")]
mod common;

use common::root;
use std::path::{Path, PathBuf};
use wingc::format::format;
use wingc::syntax::{self, NodeIdGen, ast::FileId};

/// Every `.w` file under `dir`, skipping build output and dependencies.
fn w_files(dir: &Path, found: &mut Vec<PathBuf>) {
    let mut entries: Vec<PathBuf> =
        std::fs::read_dir(dir).expect("read a directory").map(|e| e.expect("an entry").path()).collect();
    entries.sort();
    for path in entries {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        if path.is_dir() && !matches!(name.as_ref(), "target" | "node_modules" | ".git") {
            w_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "w") {
            found.push(path);
        }
    }
}

/// The parsed tree of `text`, printed without spans (the only thing the
/// formatter may change).
fn tree(text: &str) -> String {
    let (module, _) = syntax::parse(text, FileId(0), &mut NodeIdGen::new());
    without_spans(&format!("{module:#?}"))
}

/// Drops every `start..end` a span prints as.
fn without_spans(debug: &str) -> String {
    let mut out = String::with_capacity(debug.len());
    let mut rest = debug;
    while let Some(i) = rest.find("..") {
        let before = &rest[..i];
        let digits_before = before.len() - before.trim_end_matches(|c: char| c.is_ascii_digit()).len();
        let after = &rest[i + 2..];
        let digits_after = after.len() - after.trim_start_matches(|c: char| c.is_ascii_digit()).len();
        if digits_before > 0 && digits_after > 0 {
            out.push_str(&before[..before.len() - digits_before]);
            out.push_str("<span>");
            rest = &after[digits_after..];
        } else {
            out.push_str(&rest[..i + 2]);
            rest = after;
        }
    }
    out.push_str(rest);
    out
}

#[test]
fn every_w_file_formats_idempotently_to_the_same_tree() {
    let root = root();
    let mut files = Vec::new();
    w_files(&root, &mut files);
    let mut formatted = 0;
    let mut problems = Vec::new();
    for file in &files {
        let shown = file.strip_prefix(&root).unwrap_or(file).display().to_string();
        let text = std::fs::read_to_string(file).expect("read a program");
        let once = match format(&text) {
            Ok(once) => once,
            Err(_) if shown.starts_with("tests/invalid/") || shown.starts_with("tests/tf-aws/errors/") => continue,
            Err(errors) => {
                problems.push(format!("{shown}: not formatted: {errors:?}"));
                continue;
            }
        };
        formatted += 1;
        match format(&once) {
            Ok(twice) if twice == once => {}
            Ok(twice) => problems.push(format!("{shown}: formatting twice changes it:\n--- once\n{once}\n--- twice\n{twice}")),
            Err(errors) => problems.push(format!("{shown}: the formatted file does not parse: {errors:?}\n{once}")),
        }
        if tree(&once) != tree(&text) {
            problems.push(format!("{shown}: the formatted file parses to another tree:\n{once}"));
        }
    }
    assert!(problems.is_empty(), "{} of {} files:\n\n{}", problems.len(), files.len(), problems.join("\n\n"));
    assert!(formatted > 250, "only {formatted} of {} files were formatted", files.len());
}

#[test]
fn spans_are_all_the_tree_comparison_ignores() {
    assert_eq!(
        without_spans("Ident { name: \"a\", span: 3..14 }, Range(0..1)"),
        "Ident { name: \"a\", span: <span> }, Range(<span>)"
    );
    assert_ne!(tree("let x = 1 + 2 * 3;"), tree("let x = (1 + 2) * 3;"));
    assert_eq!(tree("let x=1+2;"), tree("let x = 1 + 2;\n"));
}
