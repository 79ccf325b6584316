//! Every program in `tests/invalid/` fails to compile with exactly the
//! diagnostics in its `.stderr` file beside it (rustc UI tests style).
//! `BLESS=1 cargo test -p wing-tests --test invalid` rewrites them; review
//! the diff.

mod common;

#[test]
fn invalid_programs_report_their_diagnostics() {
    let dir = common::root().join("tests/invalid");
    let programs = common::programs(&dir);
    assert!(programs.len() >= 10, "expected at least 10 programs in tests/invalid, found {}", programs.len());
    let bless = std::env::var_os("BLESS").is_some();
    let mut mismatches = Vec::new();
    for file in &programs {
        let out = common::scratch(&format!("invalid-{}", file.file_stem().unwrap().to_string_lossy()));
        let rendered = match common::compile_to(file, &out) {
            Ok(()) => format!("{}: compiled without errors, but it is in tests/invalid", file.display()),
            Err(diagnostics) => diagnostics,
        };
        let _ = std::fs::remove_dir_all(&out);
        let expected_file = file.with_extension("stderr");
        if bless {
            std::fs::write(&expected_file, &rendered).expect("write .stderr");
            continue;
        }
        let expected = std::fs::read_to_string(&expected_file).unwrap_or_default();
        if expected != rendered {
            mismatches.push(format!(
                "{}\n--- expected ({})\n{expected}\n--- actual\n{rendered}",
                file.display(),
                expected_file.display()
            ));
        }
    }
    assert!(mismatches.is_empty(), "{} mismatch(es); rerun with BLESS=1 to accept:\n{}", mismatches.len(), mismatches.join("\n"));
}
