//! Shared helpers: compile a `.w` file with the library, write it to a
//! fresh directory, run its tests in the simulator.

use std::path::{Path, PathBuf};
use wingc::driver::{Compiled, Input, compile};
use wingc::targets::sim;

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("tests/ has a parent").to_path_buf()
}

/// Every `.w` file directly in `dir`, sorted.
pub fn programs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap_or_else(|e| panic!("cannot read {}: {e}", dir.display()))
        .map(|entry| entry.expect("a directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "w"))
        .collect();
    files.sort();
    files
}

/// A fresh scratch directory for one program.
pub fn scratch(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wing-tests-{}-{label}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

/// Compiles `file`; gives the rendered diagnostics on failure.
pub fn compile_to(file: &Path, out: &Path) -> Result<(), String> {
    let text = std::fs::read_to_string(file).expect("read program");
    let name = file.file_name().expect("file name").to_string_lossy().into_owned();
    match compile(Input { name: &name, text: &text, dir: file.parent(), out_dir: None }) {
        Compiled::Ok { app, .. } => {
            sim::write(&app, out).expect("write app");
            Ok(())
        }
        Compiled::Failed { sources, diagnostics } => Err(wingc::diagnostics::render(&diagnostics, &sources)),
    }
}
