//! `wingc lsp` end to end: a real client over stdio, one test per feature,
//! on the example programs (and a two-file program from tests/valid).

#[allow(dead_code, reason = "each test binary uses part of the client")]
#[path = "lsp/client.rs"]
mod client;

use client::{Client, position_of, uri};
use serde_json::{Value, json};
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..").canonicalize().expect("repository root")
}

fn example(name: &str) -> (PathBuf, String) {
    let path = root().join("examples").join(name).join("main.w");
    let text = std::fs::read_to_string(&path).expect("read the example");
    (path, text)
}

fn at(path: &Path, position: Value) -> Value {
    json!({ "textDocument": { "uri": uri(path) }, "position": position })
}

fn labels(items: &Value) -> Vec<String> {
    let items = items.get("items").unwrap_or(items);
    items.as_array().expect("completion items").iter().map(|i| i["label"].as_str().unwrap_or("").to_string()).collect()
}

#[test]
fn diagnostics_are_the_clis_with_related_locations() {
    let mut client = Client::start();
    let (path, text) = example("url-shortener");
    assert_eq!(client.open(&path, &text), Vec::<Value>::new(), "the example has no diagnostics");
    let broken = text.replacen("let clicks = new cloud.Counter()", "let clicks = new cloud.Countr()", 1)
        + "\nstruct NewLink { x: str; }\n";
    client.change(&path, 2, &broken);
    let diagnostics = client.diagnostics(&uri(&path));
    let dir = std::env::temp_dir().join(format!("wingc-lsp-diag-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("main.w"), &broken).unwrap();
    let cli = std::process::Command::new(env!("CARGO_BIN_EXE_wingc"))
        .args(["compile", "--format", "json"])
        .arg(dir.join("main.w"))
        .output()
        .unwrap();
    let cli_json: Value = serde_json::from_slice(&cli.stdout).expect("CLI json");
    let cli_codes: Vec<&str> =
        cli_json.as_array().or(cli_json["diagnostics"].as_array()).unwrap().iter().map(|d| d["code"].as_str().unwrap()).collect();
    let codes: Vec<&str> = diagnostics.iter().map(|d| d["code"].as_str().unwrap()).collect();
    assert_eq!(codes, cli_codes, "{diagnostics:?}");
    assert!(diagnostics.iter().any(|d| d["message"].as_str().unwrap().contains("Countr")), "{diagnostics:?}");
    let twice = diagnostics.iter().find(|d| d["code"] == "E0114").expect("the struct declared twice");
    assert_eq!(twice["relatedInformation"][0]["message"], "first declared here");
    assert_eq!(twice["relatedInformation"][0]["location"]["range"]["start"], position_of(&broken, "NewLink", 0, 0));
    client.stop();
}

#[test]
fn hover_shows_type_phase_and_doc_comment() {
    let mut client = Client::start();
    let (path, text) = example("url-shortener");
    client.open(&path, &text);
    let hover = client.request("textDocument/hover", at(&path, position_of(&text, "links.putJson", 0, 8)));
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("inflight cloud.Bucket.putJson(str, Json): void"), "{value}");
    let hover = client.request("textDocument/hover", at(&path, position_of(&text, "let problem", 0, 5)));
    let value = hover["contents"]["value"].as_str().unwrap();
    assert!(value.contains("let problem: inflight (NewLink): str? (preflight)"), "{value}");
    assert!(value.contains("Why a request cannot become a link"), "the comment above the declaration: {value}");
    client.stop();
}

#[test]
fn completion_members_by_phase_names_keywords_modules_and_struct_fields() {
    let mut client = Client::start();
    let (path, text) = example("url-shortener");
    client.open(&path, &text);
    // Inflight code: `links.` offers inflight methods, not preflight ones.
    let inflight = text.replacen("  links.putJson(\"{code}.json\", stored);", "  links.", 1);
    client.change(&path, 2, &inflight);
    client.diagnostics(&uri(&path));
    let items = client.request("textDocument/completion", at(&path, position_of(&inflight, "  links.", 0, 8)));
    let names = labels(&items);
    assert!(names.contains(&"putJson".to_string()) && names.contains(&"tryGetJson".to_string()), "{names:?}");
    assert!(!names.contains(&"onCreate".to_string()), "preflight-only member offered inflight: {names:?}");
    // Preflight code: the other way round.
    let preflight = text.clone() + "links.";
    client.change(&path, 3, &preflight);
    client.diagnostics(&uri(&path));
    let end = client::position_at(&preflight, preflight.len());
    let names = labels(&client.request("textDocument/completion", at(&path, end)));
    assert!(names.contains(&"onCreate".to_string()) && !names.contains(&"putJson".to_string()), "{names:?}");
    // Names in scope and keywords.
    client.change(&path, 4, &text);
    client.diagnostics(&uri(&path));
    let names = labels(&client.request("textDocument/completion", at(&path, position_of(&text, "  let link = input!;", 0, 2))));
    for expected in ["input", "codeAlphabet", "links", "reply", "let", "inflight", "log", "NewLink"] {
        assert!(names.contains(&expected.to_string()), "{expected} missing from {names:?}");
    }
    // `bring` modules.
    let bring = format!("bring \n{text}");
    client.change(&path, 5, &bring);
    client.diagnostics(&uri(&path));
    let names = labels(&client.request("textDocument/completion", at(&path, json!({ "line": 0, "character": 6 }))));
    assert!(names.contains(&"cloud".to_string()) && names.contains(&"util".to_string()), "{names:?}");
    // Struct fields in a struct literal and as named arguments.
    let fields = text.replacen("    permanent: link.permanent ?? false,\n", "", 1);
    client.change(&path, 6, &fields);
    client.diagnostics(&uri(&path));
    let names = labels(&client.request("textDocument/completion", at(&path, position_of(&fields, "    created:", 0, 4))));
    assert!(names.contains(&"permanent".to_string()) && !names.contains(&"url".to_string()), "{names:?}");
    let named = text.replacen("util.nanoid(size: 7, alphabet: codeAlphabet)", "util.nanoid(size: 7)", 1);
    client.change(&path, 7, &named);
    client.diagnostics(&uri(&path));
    let names = labels(&client.request("textDocument/completion", at(&path, position_of(&named, "size: 7", 0, 0))));
    assert!(names.contains(&"alphabet".to_string()) && !names.contains(&"size".to_string()), "{names:?}");
    client.stop();
}

#[test]
fn definition_of_locals_members_stdlib_and_other_files() {
    let mut client = Client::start();
    let (path, text) = example("url-shortener");
    client.open(&path, &text);
    let def = client.request("textDocument/definition", at(&path, position_of(&text, "reply(400", 0, 1)));
    assert_eq!(def["uri"], uri(&path));
    assert_eq!(def["range"]["start"], position_of(&text, "reply = inflight", 0, 0));
    let def = client.request("textDocument/definition", at(&path, position_of(&text, "link.url.startsWith", 0, 6)));
    assert_eq!(def["range"]["start"], position_of(&text, "url: str;", 0, 0), "a struct field");
    let def = client.request("textDocument/definition", at(&path, position_of(&text, "links.putJson", 0, 8)));
    assert!(def["uri"].as_str().unwrap().ends_with("/cloud.w"), "{def}");
    let stdlib = std::fs::read_to_string(def["uri"].as_str().unwrap().trim_start_matches("file://")).unwrap();
    assert_eq!(def["range"]["start"], position_of(&stdlib, "putJson(", 0, 0));
    // A two-file program: the brought file's class.
    let main = root().join("tests/valid/bring_files.w");
    let main_text = std::fs::read_to_string(&main).unwrap();
    client.open(&main, &main_text);
    let def = client.request("textDocument/definition", at(&main, position_of(&main_text, "OrderBook", 0, 1)));
    assert!(def["uri"].as_str().unwrap().ends_with("tests/valid/modules/orders.w"), "{def}");
    let def = client.request("textDocument/definition", at(&main, position_of(&main_text, "book.place", 0, 6)));
    assert!(def["uri"].as_str().unwrap().ends_with("modules/orders.w"), "a method of the brought class: {def}");
    client.stop();
}

#[test]
fn references_and_rename_with_prepare_refusing_stdlib_names() {
    let mut client = Client::start();
    let (path, text) = example("url-shortener");
    client.open(&path, &text);
    let refs = client.request(
        "textDocument/references",
        json!({ "textDocument": { "uri": uri(&path) }, "position": position_of(&text, "codeAlphabet", 0, 1), "context": { "includeDeclaration": true } }),
    );
    assert_eq!(refs.as_array().unwrap().len(), text.matches("codeAlphabet").count(), "{refs}");
    let prepared = client.request("textDocument/prepareRename", at(&path, position_of(&text, "codeAlphabet", 1, 1)));
    assert_eq!(prepared["start"], position_of(&text, "codeAlphabet", 1, 0));
    let refused = client.request_raw("textDocument/prepareRename", at(&path, position_of(&text, "links.putJson", 0, 8)));
    assert!(refused["error"]["message"].as_str().unwrap().contains("standard library"), "{refused}");
    let edit = client.request(
        "textDocument/rename",
        json!({ "textDocument": { "uri": uri(&path) }, "position": position_of(&text, "codeAlphabet", 0, 1), "newName": "alphabet36" }),
    );
    let edits = edit["changes"][uri(&path)].as_array().unwrap();
    assert_eq!(edits.len(), text.matches("codeAlphabet").count());
    assert!(edits.iter().all(|e| e["newText"] == "alphabet36"));
    client.stop();
}

#[test]
fn signature_help_names_the_parameter_being_written() {
    let mut client = Client::start();
    let (path, text) = example("url-shortener");
    let edited = text.replacen("return reply(400, { error: why });", "return reply(400, ", 1);
    client.open(&path, &edited);
    let help = client.request("textDocument/signatureHelp", at(&path, position_of(&edited, "reply(400, ", 0, 11)));
    let signature = &help["signatures"][0];
    assert_eq!(signature["label"], "reply(status: num, body: Json): cloud.ApiResponse", "{help}");
    assert_eq!(help["activeParameter"], 1);
    client.stop();
}

#[test]
fn document_symbols_list_declarations_with_members() {
    let mut client = Client::start();
    let (path, text) = example("url-shortener");
    client.open(&path, &text);
    let symbols = client.request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri(&path) } }));
    let names: Vec<&str> = symbols.as_array().unwrap().iter().map(|s| s["name"].as_str().unwrap()).collect();
    for expected in ["NewLink", "Link", "links", "clicks", "api", "problem", "reply"] {
        assert!(names.contains(&expected), "{expected} missing from {names:?}");
    }
    let new_link = symbols.as_array().unwrap().iter().find(|s| s["name"] == "NewLink").unwrap();
    assert_eq!(new_link["children"].as_array().unwrap().len(), 3);
    client.stop();
}

#[test]
fn semantic_tokens_tell_preflight_from_inflight_code() {
    let mut client = Client::start();
    let (path, text) = example("url-shortener");
    client.open(&path, &text);
    let tokens = client.request("textDocument/semanticTokens/full", json!({ "textDocument": { "uri": uri(&path) } }));
    let data: Vec<u64> = tokens["data"].as_array().unwrap().iter().map(|v| v.as_u64().unwrap()).collect();
    assert_eq!(data.len() % 5, 0);
    // Walk the relative encoding to absolute positions.
    let (mut line, mut col) = (0, 0);
    let mut phase_at = std::collections::HashMap::new();
    for t in data.chunks(5) {
        if t[0] > 0 {
            col = 0;
        }
        line += t[0];
        col += t[1];
        phase_at.insert((line, col), t[4] & 0b110);
    }
    let first_links = position_of(&text, "let links", 0, 4);
    let inflight_links = position_of(&text, "links.exists", 0, 0);
    let key = |p: &Value| (p["line"].as_u64().unwrap(), p["character"].as_u64().unwrap());
    assert_eq!(phase_at[&key(&first_links)], 0b010, "preflight declaration");
    assert_eq!(phase_at[&key(&inflight_links)], 0b100, "use inside an inflight closure");
    client.stop();
}

#[test]
fn inlay_hints_show_inferred_types() {
    let mut client = Client::start();
    let (path, text) = example("url-shortener");
    client.open(&path, &text);
    let lines = text.lines().count();
    let hints = client.request(
        "textDocument/inlayHint",
        json!({ "textDocument": { "uri": uri(&path) }, "range": { "start": { "line": 0, "character": 0 }, "end": { "line": lines, "character": 0 } } }),
    );
    let hints = hints.as_array().unwrap();
    let links = hints.iter().find(|h| h["position"] == position_of(&text, "links = new", 0, 5)).expect("a hint after `links`");
    assert_eq!(links["label"], ": cloud.Bucket");
    client.stop();
}

#[test]
fn code_actions_apply_the_suggested_fixes() {
    let mut client = Client::start();
    let (path, text) = example("url-shortener");
    let misspelled = text.replacen("return reply(201", "return replyy(201", 1);
    let diagnostics = client.open(&path, &misspelled);
    let diagnostic = diagnostics.iter().find(|d| d["message"].as_str().unwrap().contains("replyy")).expect("unknown name");
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri(&path) }, "range": diagnostic["range"], "context": { "diagnostics": [diagnostic] } }),
    );
    let action = &actions[0];
    assert_eq!(action["kind"], "quickfix");
    assert_eq!(action["edit"]["changes"][uri(&path)][0]["newText"], "reply");
    // A preflight closure passed where an inflight one is expected.
    let preflight = text.replacen("api.get(\"/:code\", inflight (req", "api.get(\"/:code\", (req", 1);
    client.change(&path, 2, &preflight);
    let diagnostics = client.diagnostics(&uri(&path));
    let diagnostic =
        diagnostics.iter().find(|d| d["message"].as_str().unwrap().contains("help: mark the closure")).expect("E0210");
    let actions = client.request(
        "textDocument/codeAction",
        json!({ "textDocument": { "uri": uri(&path) }, "range": diagnostic["range"], "context": { "diagnostics": [diagnostic] } }),
    );
    assert_eq!(actions[0]["edit"]["changes"][uri(&path)][0]["newText"], "inflight ");
    client.stop();
}

#[test]
fn formatting_gives_the_canonical_layout() {
    let mut client = Client::start();
    let path = root().join("examples/hello/main.w");
    let text = "bring cloud;\nlet b=new cloud.Bucket();\ntest \"t\" { b.put(\"a\",\"b\"); }\n";
    client.open(&path, text);
    let edits = client.request(
        "textDocument/formatting",
        json!({ "textDocument": { "uri": uri(&path) }, "options": { "tabSize": 2, "insertSpaces": true } }),
    );
    assert_eq!(edits[0]["newText"], "bring cloud;\nlet b = new cloud.Bucket();\ntest \"t\" {\n  b.put(\"a\", \"b\");\n}\n");
    client.stop();
}

#[test]
fn an_edit_in_a_brought_file_rechecks_the_files_that_bring_it() {
    let mut client = Client::start();
    let main = root().join("tests/valid/bring_files.w");
    let lib = root().join("tests/valid/modules/orders.w");
    let main_text = std::fs::read_to_string(&main).unwrap();
    let lib_text = std::fs::read_to_string(&lib).unwrap();
    assert!(client.open(&main, &main_text).is_empty());
    assert!(client.open(&lib, &lib_text).is_empty());
    assert!(client.diagnostics(&uri(&main)).is_empty(), "opening the brought file re-checks the file that brings it");
    let renamed = lib_text.replace("class OrderBook", "class Ledger");
    client.change(&lib, 2, &renamed);
    let diagnostics = client.diagnostics(&uri(&main));
    assert!(diagnostics.iter().any(|d| d["message"].as_str().unwrap().contains("OrderBook")), "{diagnostics:?}");
    client.change(&lib, 3, &lib_text);
    assert!(client.diagnostics(&uri(&main)).is_empty());
    client.stop();
}
