//! The `wingc` binary end to end: exit codes, what it prints, files it
//! writes.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn scratch(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wingc-cli-{}-{label}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create scratch dir");
    dir
}

fn write_program(dir: &Path, text: &str) -> PathBuf {
    let file = dir.join("main.w");
    std::fs::write(&file, text).expect("write main.w");
    file
}

fn wingc(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_wingc")).args(args).output().expect("run wingc")
}

fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

#[test]
fn compile_writes_the_manifest_and_one_bundle_per_handler() {
    let dir = scratch("compile");
    let file = write_program(
        &dir,
        "bring cloud;\nlet b = new cloud.Bucket();\nlet q = new cloud.Queue();\nq.setConsumer(inflight (m: str) => { b.put(m, m); });\ntest \"t\" { q.push(\"x\"); }\n",
    );
    let output = wingc(&["compile", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let out = dir.join("target/main.wsim");
    let manifest: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("app.json")).expect("app.json written")).expect("valid json");
    let paths: Vec<&str> = manifest["resources"].as_array().unwrap().iter().map(|r| r["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["root/Default/Bucket", "root/Default/Queue", "root/Default/Queue/Consumer0"]);
    let consumer_bundle = &manifest["bundles"][0];
    assert_eq!(consumer_bundle["lifts"][0]["kind"], "resource");
    assert_eq!(consumer_bundle["lifts"][0]["value"]["path"], "root/Default/Bucket");
    assert_eq!(consumer_bundle["lifts"][0]["value"]["ops"], serde_json::json!(["put"]));
    assert_eq!(manifest["tests"][0]["path"], "root/Default/test:t");
    for bundle in manifest["bundles"].as_array().unwrap() {
        let wasm = std::fs::read(out.join(bundle["file"].as_str().unwrap())).expect("bundle written");
        wasmparser::Validator::new().validate_all(&wasm).expect("bundle is valid Wasm");
    }
}

#[test]
fn compile_output_directory_can_be_chosen() {
    let dir = scratch("output");
    let file = write_program(&dir, "bring cloud;\nlet b = new cloud.Bucket();\n");
    let out = dir.join("elsewhere");
    let output = wingc(&["compile", file.to_str().unwrap(), "-o", out.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert!(out.join("app.json").exists());
}

#[test]
fn a_failing_assert_fails_the_run_and_names_the_test() {
    let dir = scratch("failing");
    let file = write_program(
        &dir,
        "test \"arithmetic works\" {\n  assert(1 + 1 == 2);\n}\n\ntest \"this one is wrong\" {\n  let x = 2;\n  assert(x == 3);\n}\n",
    );
    let output = wingc(&["test", file.to_str().unwrap()]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(1), "stdout: {out}\nstderr: {}", stderr(&output));
    assert!(out.contains("pass ─ main.w » arithmetic works"), "{out}");
    assert!(out.contains("fail ─ main.w » this one is wrong"), "{out}");
    assert!(out.contains("assertion failed: x == 3"), "{out}");
    assert!(out.contains("main.w:7:3"), "the failure names the source line: {out}");
    assert!(out.lines().any(|l| l == "1 passed, 1 failed"), "{out}");
}

#[test]
fn passing_tests_exit_zero() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).ancestors().nth(2).unwrap();
    let dir = scratch("hello");
    let file = dir.join("main.w");
    std::fs::copy(root.join("examples/hello/main.w"), &file).expect("copy example");
    let output = wingc(&["test", file.to_str().unwrap()]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "stdout: {out}\nstderr: {}", stderr(&output));
    assert!(out.lines().any(|l| l == "2 passed, 0 failed"), "{out}");
}

#[test]
fn a_program_with_errors_exits_one_and_reports_every_error() {
    let dir = scratch("errors");
    let file = write_program(&dir, "let a: num = \"x\";\nlet b = unknown;\n");
    let output = wingc(&["test", file.to_str().unwrap()]);
    let err = stderr(&output);
    assert_eq!(output.status.code(), Some(1));
    assert!(err.contains("E0210"), "{err}");
    assert!(err.contains("E0102"), "{err}");
    assert!(err.contains("main.w:1:14"), "{err}");
    assert!(err.contains("could not compile: 2 errors"), "{err}");
    assert!(!dir.join("target").exists(), "nothing is written for a program with errors");
}

#[test]
fn json_diagnostics_for_tools() {
    let dir = scratch("json");
    let file = write_program(&dir, "let a = b;\n");
    let output = wingc(&["compile", file.to_str().unwrap(), "--format", "json"]);
    assert_eq!(output.status.code(), Some(1));
    let diagnostics: serde_json::Value = serde_json::from_str(&stdout(&output)).expect("json on stdout");
    assert_eq!(diagnostics[0]["code"], "E0102");
    assert_eq!(diagnostics[0]["line"], 1);
    assert_eq!(diagnostics[0]["column"], 9);
}

#[test]
fn a_missing_file_is_an_error_not_a_panic() {
    let output = wingc(&["compile", "/nonexistent/main.w"]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot read"));
}

/// Runs `wingc` with `runtime` as `WINGC_LAMBDA_RUNTIME` (a path), or,
/// with `None`, a copy of `wingc` that has no `bootstrap` beside it.
fn wingc_with_runtime(args: &[&str], runtime: Option<&Path>, dir: &Path) -> Output {
    let mut command = match runtime {
        Some(runtime) => {
            let mut command = Command::new(env!("CARGO_BIN_EXE_wingc"));
            command.env("WINGC_LAMBDA_RUNTIME", runtime);
            command
        }
        None => {
            let alone = dir.join("bin/wingc");
            if !alone.exists() {
                std::fs::create_dir_all(dir.join("bin")).expect("create bin");
                std::fs::hard_link(env!("CARGO_BIN_EXE_wingc"), &alone)
                    .or_else(|_| std::fs::copy(env!("CARGO_BIN_EXE_wingc"), &alone).map(|_| ()))
                    .expect("a wingc of its own");
            }
            let mut command = Command::new(alone);
            command.env_remove("WINGC_LAMBDA_RUNTIME");
            command
        }
    };
    command.args(args).output().expect("run wingc")
}

/// The files in a zip, each with its Unix permissions and bytes.
fn unzip(file: &Path) -> Vec<(String, u32, Vec<u8>)> {
    let bytes = std::fs::read(file).unwrap_or_else(|e| panic!("{}: {e}", file.display()));
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..archive.len())
        .map(|i| {
            let mut entry = archive.by_index(i).expect("an entry");
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut entry, &mut bytes).expect("read the entry");
            (entry.name().expect("a name").to_string(), entry.unix_mode().unwrap_or(0) & 0o777, bytes)
        })
        .collect()
}

const WRITER_APP: &str =
    "bring cloud;\nlet b = new cloud.Bucket();\nnew cloud.Function(inflight () => { b.put(\"k\", \"v\"); }) as \"writer\";\n";

#[test]
fn tf_aws_writes_terraform_and_one_zip_per_function() {
    let dir = scratch("tfaws");
    let file = write_program(&dir, WRITER_APP);
    let output = wingc_with_runtime(&["compile", file.to_str().unwrap(), "-t", "tf-aws"], None, &dir);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    let out = dir.join("target/main.tfaws");
    assert!(stdout(&output).contains("main.tfaws"), "{}", stdout(&output));
    let terraform: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out.join("main.tf.json")).expect("main.tf.json")).expect("valid Json");
    assert!(terraform["resource"]["aws_lambda_function"]["writer"].is_object(), "{terraform}");
    let files: Vec<String> = unzip(&out.join("assets/writer.zip")).into_iter().map(|(name, _, _)| name).collect();
    assert_eq!(files, ["wing.json", "bundle.wasm", "bundle.cwasm"]);
    assert!(!out.join("assets/runtime.zip").exists());
    assert!(
        stderr(&output).contains(
            "warning: assets/runtime.zip is not written: no Lambda runtime found (`bootstrap` beside wingc, or the file \
             WINGC_LAMBDA_RUNTIME names); build it with `cargo build --release -p wing-lambda`"
        ),
        "{}",
        stderr(&output)
    );

    let elsewhere = dir.join("deploy");
    let output =
        wingc_with_runtime(&["compile", file.to_str().unwrap(), "-t", "tf-aws", "-o", elsewhere.to_str().unwrap()], None, &dir);
    assert_eq!(output.status.code(), Some(0));
    assert!(elsewhere.join("main.tf.json").is_file() && elsewhere.join("assets/writer.zip").is_file());
}

#[test]
fn tf_aws_packs_the_runtime_it_is_given_as_the_layer() {
    let dir = scratch("tfaws-runtime");
    let file = write_program(&dir, WRITER_APP);
    let mut executable = b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\x3e\0".to_vec();
    executable.extend(std::iter::repeat_n(0x90, 4096));
    let runtime = dir.join("bootstrap-x86_64");
    std::fs::write(&runtime, &executable).expect("write the runtime");
    let output = wingc_with_runtime(&["compile", file.to_str().unwrap(), "-t", "tf-aws"], Some(&runtime), &dir);
    assert_eq!(output.status.code(), Some(0), "{}", stderr(&output));
    assert!(!stderr(&output).contains("warning"), "{}", stderr(&output));
    let layer = unzip(&dir.join("target/main.tfaws/assets/runtime.zip"));
    assert_eq!(layer, [("bootstrap".to_string(), 0o755, executable)]);
    for (name, mode, bytes) in unzip(&dir.join("target/main.tfaws/assets/writer.zip")) {
        assert_eq!(mode, 0o644, "{name}");
        if name == "bundle.cwasm" {
            assert!(bytes.starts_with(b"\x7fELF"), "bundle.cwasm is no precompiled module");
        }
    }
}

#[test]
fn tf_aws_refuses_a_runtime_that_cannot_run_on_lambda() {
    let dir = scratch("tfaws-bad-runtime");
    let file = write_program(&dir, WRITER_APP);
    let script = dir.join("bootstrap.sh");
    std::fs::write(&script, "#!/bin/sh\necho hi\n").expect("write the script");
    let arm = dir.join("bootstrap-arm64");
    std::fs::write(&arm, b"\x7fELF\x02\x01\x01\0\0\0\0\0\0\0\0\0\x02\0\xb7\0").expect("write the runtime");
    let cases = [
        (script, "is not a Linux executable"),
        (arm, "is not built for x86-64"),
        (dir.join("missing"), "cannot be read: No such file or directory"),
    ];
    for (runtime, problem) in cases {
        let output = wingc_with_runtime(&["compile", file.to_str().unwrap(), "-t", "tf-aws"], Some(&runtime), &dir);
        assert_eq!(output.status.code(), Some(1), "{}", stderr(&output));
        let expected = format!("error: the Lambda runtime {} (WINGC_LAMBDA_RUNTIME) {problem}", runtime.display());
        assert!(stderr(&output).starts_with(&expected), "{}", stderr(&output));
    }
    assert!(!dir.join("target").exists(), "nothing is written");
}

#[test]
fn tests_run_in_the_simulator_only() {
    let dir = scratch("tfaws-test");
    let file = write_program(&dir, "test \"t\" { assert(true); }\n");
    let output = wingc(&["test", file.to_str().unwrap(), "-t", "tf-aws"]);
    assert_eq!(output.status.code(), Some(2));
    assert!(stderr(&output).contains("`-t tf-aws` is for `wingc compile`"), "{}", stderr(&output));
}

#[test]
fn what_inflight_code_logs_is_printed_under_its_test() {
    let dir = scratch("logs");
    let file = write_program(
        &dir,
        "bring cloud;\nlet q = new cloud.Queue();\nq.setConsumer(inflight (m: str) => { log(\"got {m}\"); });\ntest \"logs\" {\n  log(\"pushing\");\n  q.push(\"x\");\n}\n",
    );
    let output = wingc(&["test", file.to_str().unwrap()]);
    let out = stdout(&output);
    assert_eq!(output.status.code(), Some(0), "{out}");
    assert!(out.contains("    [root/Default/test:logs] pushing"), "{out}");
}

#[test]
fn fmt_rewrites_files_in_the_canonical_layout() {
    let dir = scratch("fmt");
    let file = write_program(&dir, "let x=1;\nif x>0{log(\"{x}\");}\n");
    let output = wingc(&["fmt", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "let x = 1;\nif x > 0 {\n  log(\"{x}\");\n}\n");
    assert_eq!(stdout(&output), "");
}

#[test]
fn fmt_check_lists_the_files_that_would_change_and_changes_nothing() {
    let dir = scratch("fmt-check");
    let messy = dir.join("messy.w");
    std::fs::write(&messy, "let x=1;\n").unwrap();
    let tidy = dir.join("tidy.w");
    std::fs::write(&tidy, "let x = 1;\n").unwrap();
    let output = wingc(&["fmt", "--check", messy.to_str().unwrap(), tidy.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert_eq!(stdout(&output), format!("{}\n", messy.display()));
    assert_eq!(std::fs::read_to_string(&messy).unwrap(), "let x=1;\n");
    let output = wingc(&["fmt", "--check", tidy.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(0), "stdout: {}", stdout(&output));
}

#[test]
fn fmt_leaves_a_file_with_syntax_errors_alone_and_says_where() {
    let dir = scratch("fmt-broken");
    let file = write_program(&dir, "let x = 1;\nlet y = ;\n");
    let output = wingc(&["fmt", file.to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    let err = stderr(&output);
    assert!(err.contains("main.w:2:"), "located: {err}");
    assert!(err.contains("was not formatted: it has syntax errors"), "{err}");
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "let x = 1;\nlet y = ;\n");
    let output = wingc(&["fmt", dir.join("missing.w").to_str().unwrap()]);
    assert_eq!(output.status.code(), Some(1));
    assert!(stderr(&output).contains("cannot read"), "{}", stderr(&output));
}

/// Every `.w` file under `dir`, recursively.
fn w_files(dir: &Path, found: &mut Vec<PathBuf>) {
    for entry in std::fs::read_dir(dir).expect("read a directory") {
        let path = entry.expect("an entry").path();
        if path.is_dir() {
            w_files(&path, found);
        } else if path.extension().is_some_and(|e| e == "w") {
            found.push(path);
        }
    }
}

#[test]
fn the_examples_and_valid_programs_are_formatted() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    let mut files = Vec::new();
    w_files(&root.join("examples"), &mut files);
    w_files(&root.join("tests/valid"), &mut files);
    assert!(files.len() > 100, "{} programs", files.len());
    let mut args = vec!["fmt", "--check"];
    args.extend(files.iter().map(|f| f.to_str().expect("a UTF-8 path")));
    let output = wingc(&args);
    assert_eq!(output.status.code(), Some(0), "not formatted (run `wingc fmt` on them):\n{}{}", stdout(&output), stderr(&output));
}

/// `app.workdir` is `.wing` in the directory the app is written to, as in
/// Wing; preflight code may leave files there.
#[test]
fn the_app_workdir_is_in_the_output_directory() {
    let dir = scratch("workdir");
    let file = write_program(
        &dir,
        "bring fs;\nclass Build {\n  new() {\n    let workdir = nodeof(this).app.workdir;\n    fs.mkdir(workdir);\n    fs.writeFile(fs.join(workdir, \"stamp.txt\"), \"built\");\n    log(workdir);\n  }\n}\nnew Build();\n",
    );
    let file = file.to_str().unwrap();
    for (args, out) in [
        (vec!["compile", file], dir.join("target/main.wsim")),
        (vec!["compile", "-t", "tf-aws", file], dir.join("target/main.tfaws")),
        (vec!["compile", file, "-o", dir.join("elsewhere").to_str().unwrap()], dir.join("elsewhere")),
    ] {
        let output = wingc(&args);
        assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
        let workdir = out.join(".wing");
        assert_eq!(stdout(&output).lines().next(), Some(workdir.to_str().unwrap()), "{args:?}");
        assert_eq!(std::fs::read_to_string(workdir.join("stamp.txt")).ok().as_deref(), Some("built"), "{args:?}");
    }
}

/// A program named by a bare file name (`wingc compile main.w` in its
/// directory) still knows its directory.
#[test]
fn a_program_given_by_a_bare_file_name_knows_its_directory() {
    let dir = scratch("bare-name");
    write_program(
        &dir,
        "class Probe {\n  new() {\n    log(nodeof(this).app.entrypointDir);\n  }\n}\nnew Probe();\nlog(@dirname);\n",
    );
    let output =
        Command::new(env!("CARGO_BIN_EXE_wingc")).args(["compile", "main.w"]).current_dir(&dir).output().expect("run wingc");
    assert_eq!(output.status.code(), Some(0), "stderr: {}", stderr(&output));
    let shown = dir.to_str().unwrap();
    assert_eq!(stdout(&output).lines().take(2).collect::<Vec<_>>(), [shown, shown]);
}
