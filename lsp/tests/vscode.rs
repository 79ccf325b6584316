//! The VS Code extension (`lsp/editors/vscode`): its TextMate grammar
//! passes the assertions in `tests/*.test.w` under `vscode-tmgrammar-test`
//! (installed under `target/node-tools` by `tests/tools/node.sh`, which
//! this test runs), and its manifest ties the language, the grammar, the
//! language configuration and the `wingc lsp` client together.

use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).parent().expect("the repository").to_path_buf()
}

fn extension() -> PathBuf {
    root().join("lsp/editors/vscode")
}

fn json(path: &Path) -> Value {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("cannot read {}: {e}", path.display()));
    serde_json::from_str(&text).unwrap_or_else(|e| panic!("{} is not JSON: {e}", path.display()))
}

/// The grammar tester, installed by `tests/tools/node.sh` if need be.
fn tmgrammar_test() -> PathBuf {
    let script = root().join("tests/tools/node.sh");
    let installed = Command::new("bash").arg(&script).status().is_ok_and(|s| s.success());
    let tools = std::env::var_os("WINGC_NODE_TOOLS").map_or_else(|| root().join("target/node-tools"), PathBuf::from);
    let bin = tools.join("node_modules/.bin/vscode-tmgrammar-test");
    assert!(
        installed && bin.exists(),
        "vscode-tmgrammar-test is missing: install it with `tests/tools/node.sh` (needs node, npm and access to the npm registry)"
    );
    bin
}

#[test]
fn the_grammar_passes_its_syntax_tests() {
    let tester = tmgrammar_test();
    let output = Command::new(tester)
        .current_dir(extension())
        .args(["--compact", "--config", "package.json", "tests/*.test.w"])
        .output()
        .expect("run vscode-tmgrammar-test");
    let report = format!("{}{}", String::from_utf8_lossy(&output.stdout), String::from_utf8_lossy(&output.stderr));
    assert!(output.status.success(), "{report}");
    let tested = report.matches("run successfuly").count();
    let files = std::fs::read_dir(extension().join("tests")).expect("the grammar tests").count();
    assert!(tested >= 2 && tested == files, "{tested} of {files} test files ran:\n{report}");
}

#[test]
fn the_manifest_ties_language_grammar_configuration_and_server_together() {
    let manifest = json(&extension().join("package.json"));
    let language = &manifest["contributes"]["languages"][0];
    assert_eq!(language["id"], "wing");
    assert_eq!(language["extensions"], serde_json::json!([".w"]));
    json(&extension().join(language["configuration"].as_str().expect("a language configuration")));
    let grammar = &manifest["contributes"]["grammars"][0];
    assert_eq!(grammar["language"], "wing");
    let tm = json(&extension().join(grammar["path"].as_str().expect("a grammar path")));
    assert_eq!(tm["scopeName"], grammar["scopeName"]);
    let main = manifest["main"].as_str().expect("the client's entry point");
    let client = std::fs::read_to_string(extension().join(main)).expect("the client");
    assert!(client.contains("args: [\"lsp\"]"), "the client starts `wingc lsp`");
    assert!(manifest["dependencies"]["vscode-languageclient"].is_string());
}

#[test]
fn the_server_never_links_wasmtime() {
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".to_string());
    let output = Command::new(cargo)
        .current_dir(root())
        .args(["tree", "--offline", "-p", "wing-lsp", "-e", "normal,build", "--prefix", "none", "--format", "{p}"])
        .output()
        .expect("run cargo tree");
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let tree = String::from_utf8_lossy(&output.stdout);
    assert!(tree.lines().any(|l| l.starts_with("wingc ")), "the server uses the compiler:\n{tree}");
    let linked: Vec<&str> = tree.lines().filter(|l| l.starts_with("wasmtime") || l.starts_with("wing-runtime")).collect();
    assert!(linked.is_empty(), "the language server links the simulator: {linked:?}");
}
