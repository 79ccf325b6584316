//! `wingc lsp` while the user types: every program of `tests/valid` and
//! `examples/` is typed into the server as incremental edits, then cut by
//! random deletions, with a request at the cursor after every edit. The
//! server must answer everything (no hang), never panic (its stderr is
//! read when the session stops), and every answer must be well-formed.
//!
//! `examples/hello` is typed one keystroke at a time (every prefix); the
//! other files in about [`STEPS`] chunks each, cut at varying points, so
//! the test stays within a couple of minutes. `WINGC_REPLAY_EVERY_PREFIX=1`
//! types every file one keystroke at a time (slow).

#[allow(dead_code, reason = "each test binary uses part of the client")]
#[path = "lsp/client.rs"]
mod client;

use client::{Client, position_at, uri};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};
use std::time::Duration;

/// About how many edits a file is typed in.
const STEPS: usize = 24;
/// Random deletions after a file is typed.
const DELETIONS: usize = 6;
/// The longest one answer may take while typing (debug build, busy machine).
const ANSWER_LIMIT: Duration = Duration::from_secs(20);

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

fn programs(dir: &Path) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
        .expect("read the directory")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "w"))
        .collect();
    files.sort();
    files
}

#[test]
fn typing_the_examples_never_panics_or_hangs() {
    let mut files: Vec<PathBuf> = std::fs::read_dir(root().join("examples"))
        .expect("examples/")
        .map(|e| e.expect("an entry").path().join("main.w"))
        .filter(|p| p.exists())
        .collect();
    files.sort();
    replay(&files, 1);
}

#[test]
fn typing_the_valid_programs_never_panics_or_hangs() {
    replay(&programs(&root().join("tests/valid")), 2);
}

/// Types each file into one server session.
fn replay(files: &[PathBuf], seed: u64) {
    assert!(!files.is_empty(), "no programs to replay");
    let every_prefix = std::env::var_os("WINGC_REPLAY_EVERY_PREFIX").is_some();
    let mut rng = fastrand::Rng::with_seed(seed);
    let mut client = Client::start();
    client.limit = ANSWER_LIMIT;
    for file in files {
        let text = std::fs::read_to_string(file).expect("read the program");
        let one_keystroke_at_a_time = every_prefix || file.ends_with("examples/hello/main.w");
        let cuts = if one_keystroke_at_a_time { every_boundary(&text) } else { sampled_cuts(&text, &mut rng) };
        let mut session = Session { client: &mut client, path: file, text: String::new(), version: 1, requests: 0 };
        session.type_in(&text, &cuts);
        for _ in 0..DELETIONS {
            session.delete_somewhere(&mut rng);
        }
        session.ask_about_the_whole_document(&mut rng);
        session.client.notify("textDocument/didClose", json!({ "textDocument": { "uri": uri(file) } }));
        session.client.diagnostics(&uri(file));
    }
    client.stop();
}

/// Every char boundary after the start: one keystroke each.
fn every_boundary(text: &str) -> Vec<usize> {
    text.char_indices().map(|(i, c)| i + c.len_utf8()).collect()
}

/// About [`STEPS`] cut points, each at a random place within its stretch.
fn sampled_cuts(text: &str, rng: &mut fastrand::Rng) -> Vec<usize> {
    let stretch = text.len().div_ceil(STEPS).max(1);
    let mut cuts: Vec<usize> = (0..text.len())
        .step_by(stretch)
        .map(|start| floor_boundary(text, start + rng.usize(1..=stretch)))
        .filter(|&cut| cut > 0)
        .collect();
    cuts.push(text.len());
    cuts.dedup();
    cuts
}

fn floor_boundary(text: &str, offset: usize) -> usize {
    let mut offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

struct Session<'a> {
    client: &'a mut Client,
    path: &'a Path,
    /// The document as the server should have it.
    text: String,
    version: i64,
    requests: usize,
}

/// The requests asked at the cursor, in turn.
const AT_CURSOR: [&str; 4] =
    ["textDocument/completion", "textDocument/hover", "textDocument/signatureHelp", "textDocument/definition"];

impl Session<'_> {
    /// Opens the document empty and types `text` up to each cut.
    fn type_in(&mut self, text: &str, cuts: &[usize]) {
        self.client.notify(
            "textDocument/didOpen",
            json!({ "textDocument": { "uri": uri(self.path), "languageId": "wing", "version": 1, "text": "" } }),
        );
        self.published();
        let mut typed = 0;
        for &cut in cuts {
            let end = position_at(&self.text, self.text.len());
            self.replace(json!({ "start": end, "end": end }), &text[typed..cut]);
            typed = cut;
            self.ask_at(self.text.len());
        }
        assert_eq!(self.text, text);
    }

    /// Deletes a random stretch of up to 30 characters.
    fn delete_somewhere(&mut self, rng: &mut fastrand::Rng) {
        if self.text.is_empty() {
            return;
        }
        let start = floor_boundary(&self.text, rng.usize(0..self.text.len()));
        let end = floor_boundary(&self.text, start + rng.usize(1..=30)).max(start);
        let range = json!({ "start": position_at(&self.text, start), "end": position_at(&self.text, end) });
        self.replace(range, "");
        self.ask_at(start);
    }

    /// Applies one edit here and in the server, and checks the diagnostics
    /// it publishes.
    fn replace(&mut self, range: Value, new_text: &str) {
        let start = offset_of(&self.text, &range["start"]);
        let end = offset_of(&self.text, &range["end"]);
        self.version += 1;
        self.client.edit(self.path, self.version, range, new_text);
        self.text.replace_range(start..end, new_text);
        self.published();
    }

    fn published(&mut self) {
        let lines = self.text.split('\n').count() as u64;
        for d in self.client.diagnostics(&uri(self.path)) {
            assert!(d["message"].as_str().is_some_and(|m| !m.is_empty()), "a diagnostic without a message: {d}");
            assert!(d["code"].is_string(), "a diagnostic without a code: {d}");
            check_range(&d["range"], lines, &d);
        }
    }

    /// One request at `offset`, the next of [`AT_CURSOR`] in turn.
    fn ask_at(&mut self, offset: usize) {
        let method = AT_CURSOR[self.requests % AT_CURSOR.len()];
        self.requests += 1;
        let params = json!({ "textDocument": { "uri": uri(self.path) }, "position": position_at(&self.text, offset) });
        let result = self.client.request(method, params);
        self.check(method, &result);
    }

    /// The document-wide requests, and references and rename somewhere.
    fn ask_about_the_whole_document(&mut self, rng: &mut fastrand::Rng) {
        let document = json!({ "textDocument": { "uri": uri(self.path) } });
        let everything = json!({ "start": { "line": 0, "character": 0 }, "end": position_at(&self.text, self.text.len()) });
        let with_range = json!({ "textDocument": { "uri": uri(self.path) }, "range": everything });
        let with_context =
            json!({ "textDocument": { "uri": uri(self.path) }, "range": everything, "context": { "diagnostics": [] } });
        let options = json!({ "textDocument": { "uri": uri(self.path) }, "options": { "tabSize": 2, "insertSpaces": true } });
        for (method, params) in [
            ("textDocument/documentSymbol", document.clone()),
            ("textDocument/semanticTokens/full", document),
            ("textDocument/inlayHint", with_range),
            ("textDocument/codeAction", with_context),
            ("textDocument/formatting", options),
        ] {
            let result = self.client.request(method, params);
            self.check(method, &result);
        }
        let offset = floor_boundary(&self.text, rng.usize(0..=self.text.len()));
        let position = position_at(&self.text, offset);
        let references =
            json!({ "textDocument": { "uri": uri(self.path) }, "position": position, "context": { "includeDeclaration": true } });
        let result = self.client.request("textDocument/references", references);
        self.check("textDocument/references", &result);
        let at = json!({ "textDocument": { "uri": uri(self.path) }, "position": position });
        let response = self.client.request_raw("textDocument/prepareRename", at);
        if let Some(error) = response.get("error") {
            assert!(error["message"].as_str().is_some_and(|m| !m.is_empty()), "a refusal without a reason: {response}");
        }
    }

    /// The shape of an answer: every range inside the document, every list
    /// a list.
    fn check(&self, method: &str, result: &Value) {
        let lines = self.text.split('\n').count() as u64;
        let context = json!({ "method": method, "result": result });
        match method {
            "textDocument/completion" => {
                let items = result.get("items").unwrap_or(result);
                assert!(
                    items.is_null() || items.as_array().is_some_and(|i| i.iter().all(|i| i["label"].is_string())),
                    "{context}"
                );
            }
            "textDocument/hover" if !result.is_null() => {
                assert!(result["contents"]["value"].is_string() || result["contents"].is_string(), "{context}");
            }
            "textDocument/signatureHelp" if !result.is_null() => {
                assert!(result["signatures"].as_array().is_some_and(|s| s.iter().all(|s| s["label"].is_string())), "{context}");
            }
            "textDocument/definition" if !result.is_null() => check_range(&result["range"], u64::MAX, &context),
            "textDocument/semanticTokens/full" => {
                assert!(result["data"].as_array().is_some_and(|d| d.len() % 5 == 0 && d.iter().all(Value::is_u64)), "{context}")
            }
            "textDocument/formatting"
            | "textDocument/references"
            | "textDocument/codeAction"
            | "textDocument/inlayHint"
            | "textDocument/documentSymbol"
                if !result.is_null() =>
            {
                let items = result.as_array().unwrap_or_else(|| panic!("not a list: {context}"));
                for item in items {
                    for range in [&item["range"], &item["location"]["range"]] {
                        if !range.is_null() && item["uri"].as_str().is_none_or(|u| u == uri(self.path)) {
                            check_range(range, lines, &context);
                        }
                    }
                    if let Some(position) = item.get("position") {
                        check_position(position, lines, &context);
                    }
                }
            }
            _ => {}
        }
    }
}

fn check_range(range: &Value, lines: u64, context: &Value) {
    check_position(&range["start"], lines, context);
    check_position(&range["end"], lines, context);
    let key = |p: &Value| (p["line"].as_u64(), p["character"].as_u64());
    assert!(key(&range["start"]) <= key(&range["end"]), "a range that ends before it starts: {context}");
}

fn check_position(position: &Value, lines: u64, context: &Value) {
    let line = position["line"].as_u64().unwrap_or_else(|| panic!("a position without a line: {context}"));
    assert!(position["character"].is_u64(), "a position without a column: {context}");
    assert!(line < lines, "line {line} is past the end of the document ({lines} lines): {context}");
}

/// The byte offset of an LSP position in `text` (UTF-16 columns).
fn offset_of(text: &str, position: &Value) -> usize {
    let line = position["line"].as_u64().expect("a line") as usize;
    let column = position["character"].as_u64().expect("a column") as usize;
    let start: usize = text.split('\n').take(line).map(|l| l.len() + 1).sum();
    let mut units = 0;
    for (i, c) in text[start..].char_indices() {
        if units >= column || c == '\n' {
            return start + i;
        }
        units += c.len_utf16();
    }
    text.len()
}
