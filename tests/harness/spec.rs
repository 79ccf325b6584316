//! Every fenced Wing block of the language reference (`spec/*.md`) is
//! checked:
//!
//! * ```` ```w ````: a whole program. It must compile, have at least one
//!   `test` block, and every test must pass in the simulator.
//! * ```` ```w-error ````: a program that must NOT compile. Its first line
//!   is a comment listing the diagnostic codes it reports, e.g.
//!   `// error: E0210` or `// error: E0210, E0102` (a code reported twice is
//!   listed twice); the codes reported must be exactly these.
//! * ```` ```w file=NAME.w ```` (or `file=DIR/NAME.w`): a file that later
//!   blocks of the same chapter bring (`bring "./NAME.w" as name;`). It is not compiled on its own;
//!   it is written beside each following block of its chapter.
//!
//! Every other block (```` ```text ````, ```` ```sh ````, …) is prose.
//! Blocks are independent programs. A failure names the chapter and the
//! line of the block's opening fence.
//!
//! `SPEC_FILTER=03` checks only the chapters whose file name contains
//! `03`; `SPEC_DIR=/some/dir` reads the chapters from another directory.

#[allow(dead_code, reason = "each harness uses part of the shared helpers")]
mod common;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use wingc::driver::{Compiled, Input, compile};

/// What a fenced block is for.
#[derive(Debug, Clone, PartialEq, Eq)]
enum Kind {
    /// Compiles, and its tests pass.
    Program,
    /// Fails to compile with these codes.
    Error,
    /// A file the following blocks can bring.
    File(String),
}

/// One fenced block of a chapter.
#[derive(Debug)]
struct Block {
    kind: Kind,
    /// 1-based line of the opening fence.
    line: usize,
    text: String,
}

/// The Wing blocks of a Markdown text, in order. Fences are lines whose
/// trimmed text starts with three backticks; a block ends at the next line
/// that is exactly a fence.
fn blocks(markdown: &str) -> Result<Vec<Block>, String> {
    let mut found = Vec::new();
    let mut lines = markdown.lines().enumerate();
    while let Some((index, line)) = lines.next() {
        let Some(info) = line.trim_start().strip_prefix("```") else { continue };
        let info = info.trim();
        let mut text = String::new();
        let mut closed = false;
        for (_, body) in lines.by_ref() {
            if body.trim() == "```" {
                closed = true;
                break;
            }
            text.push_str(body);
            text.push('\n');
        }
        if !closed {
            return Err(format!("line {}: the block is never closed", index + 1));
        }
        let kind = match info {
            "w" => Kind::Program,
            "w-error" => Kind::Error,
            _ => match info.strip_prefix("w file=") {
                Some(name) => Kind::File(name.trim().to_string()),
                None if info.starts_with("w ") || info.starts_with("w-") => {
                    return Err(format!("line {}: unknown Wing block kind ```{info}", index + 1));
                }
                None => continue,
            },
        };
        found.push(Block { kind, line: index + 1, text });
    }
    Ok(found)
}

/// The codes listed by the first line of a `w-error` block, sorted.
fn expected_codes(text: &str) -> Result<Vec<String>, String> {
    let first = text.lines().next().unwrap_or_default().trim();
    let list = first
        .strip_prefix("//")
        .map(str::trim)
        .and_then(|rest| rest.strip_prefix("error:"))
        .ok_or_else(|| "a `w-error` block must start with `// error: E0000[, E0000…]`".to_string())?;
    let mut codes: Vec<String> = list.split(',').map(|c| c.trim().to_string()).filter(|c| !c.is_empty()).collect();
    if codes.is_empty() || codes.iter().any(|c| c.len() != 5 || !c.starts_with('E')) {
        return Err(format!("cannot read the codes of `{first}`"));
    }
    codes.sort();
    Ok(codes)
}

/// Compiles one program in `dir` (where the chapter's `file=` blocks are).
fn compile_block(text: &str, dir: &Path) -> Compiled {
    compile(Input { name: "main.w", text, dir: Some(dir), out_dir: None })
}

/// Checks one block; gives what is wrong with it.
fn check(block: &Block, dir: &Path) -> Result<(), String> {
    match &block.kind {
        Kind::File(name) => {
            let path = dir.join(name);
            if let Some(parent) = path.parent() {
                std::fs::create_dir_all(parent).map_err(|e| format!("cannot make the directory of {name}: {e}"))?;
            }
            std::fs::write(path, &block.text).map_err(|e| format!("cannot write {name}: {e}"))?;
            Ok(())
        }
        Kind::Error => {
            let expected = expected_codes(&block.text)?;
            match compile_block(&block.text, dir) {
                Compiled::Ok { .. } => Err(format!("compiles, but it should report {}", expected.join(", "))),
                Compiled::Failed { sources, diagnostics } => {
                    let mut found: Vec<String> =
                        diagnostics.iter().filter(|d| d.is_error()).map(|d| d.code.to_string()).collect();
                    found.sort();
                    if found == expected {
                        Ok(())
                    } else {
                        Err(format!(
                            "expected {}, found {}:\n{}",
                            expected.join(", "),
                            found.join(", "),
                            wingc::diagnostics::render(&diagnostics, &sources)
                        ))
                    }
                }
            }
        }
        Kind::Program => {
            let app = match compile_block(&block.text, dir) {
                Compiled::Ok { app, .. } => app,
                Compiled::Failed { sources, diagnostics } => {
                    return Err(format!("does not compile:\n{}", wingc::diagnostics::render(&diagnostics, &sources)));
                }
            };
            let app = wing_runtime::App::new(app.manifest.clone(), &app.bundles)
                .map_err(|e| format!("the simulator does not start: {e}"))?;
            let options = wing_runtime::TestOptions {
                jobs: 2,
                sim: wing_runtime::SimOptions { root: Some(dir.to_path_buf()), ..Default::default() },
                ..Default::default()
            };
            let results = app.run_tests(&options);
            if results.is_empty() {
                return Err("has no `test` block: show the behaviour with one".to_string());
            }
            let failures: Vec<String> = results
                .iter()
                .filter(|r| !r.passed)
                .map(|r| format!("test \"{}\" failed: {}", r.name, r.error.clone().unwrap_or_default()))
                .collect();
            if failures.is_empty() { Ok(()) } else { Err(failures.join("\n")) }
        }
    }
}

/// The chapters: every `.md` file of `spec/` (or `$SPEC_DIR`) whose name
/// contains `$SPEC_FILTER`, sorted.
fn chapters() -> Vec<PathBuf> {
    let dir = std::env::var_os("SPEC_DIR").map_or_else(|| common::root().join("spec"), PathBuf::from);
    let filter = std::env::var("SPEC_FILTER").unwrap_or_default();
    let mut files: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "md"))
        .filter(|p| p.file_name().is_some_and(|n| n.to_string_lossy().contains(&filter)))
        .collect();
    files.sort();
    files
}

#[test]
fn spec_blocks_compile_and_pass() {
    let mut failures = Vec::new();
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for chapter in chapters() {
        let shown = chapter.strip_prefix(common::root()).unwrap_or(&chapter).display().to_string();
        let markdown = std::fs::read_to_string(&chapter).expect("read chapter");
        let found = match blocks(&markdown) {
            Ok(found) => found,
            Err(e) => {
                failures.push(format!("{shown}: {e}"));
                continue;
            }
        };
        let dir = common::scratch(&format!("spec-{}", chapter.file_stem().unwrap().to_string_lossy()));
        for block in &found {
            *counts
                .entry(match block.kind {
                    Kind::Program => "w",
                    Kind::Error => "w-error",
                    Kind::File(_) => "w file=",
                })
                .or_default() += 1;
            if let Err(e) = check(block, &dir) {
                failures.push(format!("{shown}:{}: {e}", block.line));
            }
        }
        let _ = std::fs::remove_dir_all(&dir);
    }
    eprintln!("spec blocks checked: {counts:?}");
    assert!(failures.is_empty(), "{} spec block(s) failed:\n\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn blocks_are_found_with_their_lines() {
    let markdown = "# T\n\n```w\ntest \"a\" {}\n```\n\n```text\nnot wing\n```\n\n```w-error\n// error: E0102\nx;\n```\n";
    let found = blocks(markdown).expect("well-formed");
    assert_eq!(found.len(), 2);
    assert_eq!((found[0].kind.clone(), found[0].line), (Kind::Program, 3));
    assert_eq!((found[1].kind.clone(), found[1].line), (Kind::Error, 11));
    assert_eq!(expected_codes(&found[1].text), Ok(vec!["E0102".to_string()]));
    assert!(blocks("```w\nnever closed\n").is_err());
    assert!(blocks("```w-eror\n```\n").is_err());
    assert_eq!(expected_codes("// error: E0210, E0102\n"), Ok(vec!["E0102".to_string(), "E0210".to_string()]));
    assert!(expected_codes("let x = 1;\n").is_err());
}
