//! Every program in `tests/valid/` and `examples/*/main.w` compiles and all
//! of its tests pass in the simulator.

mod common;

use std::path::Path;

fn run_program(file: &Path, label: &str) -> Vec<String> {
    let out = common::scratch(label);
    if let Err(diagnostics) = common::compile_to(file, &out) {
        return vec![format!("{}: does not compile:\n{diagnostics}", file.display())];
    }
    let app = match wing_runtime::App::load(&out) {
        Ok(app) => app,
        Err(e) => return vec![format!("{}: simulator does not start: {e:#}", file.display())],
    };
    let options = wing_runtime::TestOptions {
        jobs: 2,
        sim: wing_runtime::SimOptions { root: file.parent().map(Path::to_path_buf), ..Default::default() },
        ..Default::default()
    };
    let results = app.run_tests(&options);
    let mut failures: Vec<String> = results
        .iter()
        .filter(|r| !r.passed)
        .map(|r| format!("{} » {}: {}", file.display(), r.name, r.error.clone().unwrap_or_default()))
        .collect();
    if results.is_empty() {
        failures.push(format!("{}: has no test blocks", file.display()));
    }
    let _ = std::fs::remove_dir_all(&out);
    failures
}

#[test]
fn valid_programs_pass_their_tests() {
    let dir = common::root().join("tests/valid");
    let programs = common::programs(&dir);
    assert!(programs.len() >= 10, "expected at least 10 programs in tests/valid, found {}", programs.len());
    let failures: Vec<String> =
        programs.iter().flat_map(|file| run_program(file, &file.file_stem().unwrap().to_string_lossy())).collect();
    assert!(failures.is_empty(), "{} failure(s):\n{}", failures.len(), failures.join("\n\n"));
}

#[test]
fn examples_pass_their_tests() {
    let examples = common::root().join("examples");
    let mut failures = Vec::new();
    let mut count = 0;
    for entry in std::fs::read_dir(&examples).expect("examples/") {
        let main = entry.expect("entry").path().join("main.w");
        if main.exists() {
            count += 1;
            failures.extend(run_program(&main, &format!("example-{count}")));
        }
    }
    assert!(count > 0, "no examples found");
    assert!(failures.is_empty(), "{}", failures.join("\n\n"));
}
