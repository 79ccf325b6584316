//! `wingc fmt [--check] FILES…`: takes files, writes each in the canonical
//! layout (`wingc::format`), or with `--check` only lists those that would
//! change. Exit code 1 when a file cannot be read or parsed, or (with
//! `--check`) when any file would change.

use std::path::PathBuf;
use wingc::diagnostics::{SourceMap, render};

pub fn run(files: &[PathBuf], check: bool) -> i32 {
    let mut failed = false;
    for file in files {
        let text = match std::fs::read_to_string(file) {
            Ok(text) => text,
            Err(e) => {
                eprintln!("error: cannot read {}: {e}", file.display());
                failed = true;
                continue;
            }
        };
        match wingc::format::format(&text) {
            Ok(formatted) if formatted == text => {}
            Ok(_) if check => {
                println!("{}", file.display());
                failed = true;
            }
            Ok(formatted) => {
                if let Err(e) = std::fs::write(file, formatted) {
                    eprintln!("error: cannot write {}: {e}", file.display());
                    failed = true;
                }
            }
            Err(diagnostics) => {
                let mut sources = SourceMap::default();
                sources.add(file.display().to_string(), text);
                eprint!("{}", render(&diagnostics, &sources));
                eprintln!("error: {} was not formatted: it has syntax errors", file.display());
                failed = true;
            }
        }
    }
    i32::from(failed)
}
