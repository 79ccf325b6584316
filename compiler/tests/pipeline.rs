//! The compiler library alone (no simulator): every valid program and
//! example compiles, and every bundle it produces passes the Wasm
//! validator.

use std::path::Path;
use wingc::driver::{Compiled, Input, compile};

fn programs() -> Vec<std::path::PathBuf> {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).parent().unwrap();
    let mut files: Vec<_> = std::fs::read_dir(root.join("tests/valid"))
        .expect("tests/valid")
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "w"))
        .collect();
    files.push(root.join("examples/hello/main.w"));
    files.sort();
    files
}

#[test]
fn every_bundle_is_valid_wasm() {
    let mut failures = Vec::new();
    for file in programs() {
        let text = std::fs::read_to_string(&file).unwrap();
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        match compile(Input { name: &name, text: &text, dir: file.parent(), out_dir: None }) {
            Compiled::Ok { app, .. } => {
                for (id, wasm) in &app.bundles {
                    if let Err(e) = wasmparser::Validator::new().validate_all(wasm) {
                        failures.push(format!("{} bundle {id}: {e}", file.display()));
                    }
                }
            }
            Compiled::Failed { sources, diagnostics } => {
                failures.push(format!("{}:\n{}", file.display(), wingc::diagnostics::render(&diagnostics, &sources)));
            }
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}
