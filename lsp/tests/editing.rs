//! The server while the user types, driven in process over in-memory
//! streams (the same `serve` as `wingc lsp`): a burst of edits gives one
//! set of diagnostics, for the final text; a request whose document
//! changes before it is answered gets `ContentModified` (or an answer for
//! the text it was asked about); `$/cancelRequest` is honoured;
//! completion answered from an earlier analysis (members after `.`, and
//! names) equals the one a full check gives, on a large file. No timing
//! is asserted.

use serde_json::{Value, json};
use std::path::Path;
use std::time::Duration;
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};
use wing_lsp::analysis;
use wing_lsp::features::complete;

/// How long any one answer may take (debug build, loaded machine).
const LIMIT: Duration = Duration::from_secs(120);

/// One block of a generated program (the shape of `gen-lines.sh`): a
/// struct, a class with preflight and inflight members, a resource and a
/// test using it.
fn block(i: usize) -> String {
    format!(
        r#"struct Item{i} {{
  name: str;
  qty: num;
}}

class Store{i} {{
  bucket: cloud.Bucket;
  prefix: str;
  new(prefix: str) {{
    this.bucket = new cloud.Bucket();
    this.prefix = prefix;
  }}
  pub inflight save(item: Item{i}): str {{
    let key = "{{this.prefix}}/{{item.name}}";
    this.bucket.putJson(key, Json {{ name: item.name, qty: item.qty }});
    return key;
  }}
  pub inflight total(names: Array<str>): num {{
    let var sum = 0;
    for name in names {{
      let j = this.bucket.getJson("{{this.prefix}}/{{name}}");
      sum += j.get("qty").asNum();
    }}
    return sum;
  }}
}}

let store{i} = new Store{i}("s{i}") as "store{i}";
let check{i} = inflight (items: Array<Item{i}>): num => {{
  let counts = MutMap<num>{{}};
  for item in items {{
    counts.set(item.name, item.qty);
  }}
  return counts.size();
}};

test "block {i}" {{
  let counts = MutMap<num>{{}};
  for k in 0..3 {{
    let name = "item{{k}}";
    store{i}.save(Item{i} {{ name: name, qty: k + {i} }});
    counts.set(name, k);
  }}
  assert(store{i}.total(["item0", "item1", "item2"]) == 3 + 3 * {i});
}}

"#
    )
}

fn program(blocks: usize) -> String {
    let mut text = String::from("bring cloud;\n\n");
    for i in 0..blocks {
        text += &block(i);
    }
    text
}

fn uri() -> String {
    "file:///editing/main.w".to_string()
}

/// The LSP position of a byte offset (ASCII text).
fn position(text: &str, offset: usize) -> Value {
    let before = &text[..offset];
    json!({ "line": before.matches('\n').count(), "character": before.len() - before.rfind('\n').map_or(0, |i| i + 1) })
}

/// A client of an in-process server.
struct Session {
    to_server: WriteHalf<DuplexStream>,
    from_server: BufReader<ReadHalf<DuplexStream>>,
    next_id: u64,
    /// Notifications received while waiting for something else.
    notifications: Vec<Value>,
}

impl Session {
    async fn start() -> Session {
        let (client, server) = tokio::io::duplex(1 << 22);
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
                let (input, output) = tokio::io::split(server);
                runtime.block_on(wing_lsp::server::serve(input, output));
            })
            .expect("the server thread");
        let (from_server, to_server) = tokio::io::split(client);
        let mut session = Session { to_server, from_server: BufReader::new(from_server), next_id: 0, notifications: Vec::new() };
        let id = session.send_request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} })).await;
        session.response(id).await;
        session.send(&[json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} })]).await;
        session
    }

    /// Writes messages in one go (a burst, as a fast client sends them).
    async fn send(&mut self, messages: &[Value]) {
        let mut bytes = Vec::new();
        for message in messages {
            let body = message.to_string();
            bytes.extend(format!("Content-Length: {}\r\n\r\n{body}", body.len()).into_bytes());
        }
        self.to_server.write_all(&bytes).await.expect("write to the server");
    }

    fn request(&mut self, method: &str, params: Value) -> (u64, Value) {
        self.next_id += 1;
        (self.next_id, json!({ "jsonrpc": "2.0", "id": self.next_id, "method": method, "params": params }))
    }

    async fn send_request(&mut self, method: &str, params: Value) -> u64 {
        let (id, message) = self.request(method, params);
        self.send(&[message]).await;
        id
    }

    async fn read(&mut self) -> Value {
        let read = async {
            let mut length = 0;
            loop {
                let mut line = String::new();
                assert!(self.from_server.read_line(&mut line).await.expect("read") > 0, "the server closed the stream");
                let line = line.trim_end();
                if line.is_empty() {
                    break;
                }
                if let Some(n) = line.strip_prefix("Content-Length: ") {
                    length = n.parse().expect("a length");
                }
            }
            let mut body = vec![0; length];
            self.from_server.read_exact(&mut body).await.expect("a message body");
            serde_json::from_slice::<Value>(&body).expect("JSON")
        };
        tokio::time::timeout(LIMIT, read).await.expect("the server answers in time")
    }

    /// The response to request `id` (its `result` or `error`).
    async fn response(&mut self, id: u64) -> Value {
        loop {
            let message = self.read().await;
            if message["id"] == json!(id) && message.get("method").is_none() {
                return message;
            }
            self.notifications.push(message);
        }
    }

    /// The next diagnostics published (after those already received).
    async fn diagnostics(&mut self) -> Value {
        if let Some(i) = self.notifications.iter().position(|n| n["method"] == "textDocument/publishDiagnostics") {
            return self.notifications.remove(i)["params"].clone();
        }
        loop {
            let message = self.read().await;
            if message["method"] == "textDocument/publishDiagnostics" {
                return message["params"].clone();
            }
            self.notifications.push(message);
        }
    }

    async fn open(&mut self, text: &str) -> Value {
        let params = json!({ "textDocument": { "uri": uri(), "languageId": "wing", "version": 0, "text": text } });
        self.send(&[json!({ "jsonrpc": "2.0", "method": "textDocument/didOpen", "params": params })]).await;
        self.diagnostics().await
    }
}

fn change(version: i64, range: Value, text: &str) -> Value {
    json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": uri(), "version": version },
        "contentChanges": [{ "range": range, "text": text }],
    } })
}

fn whole(version: i64, text: &str) -> Value {
    json!({ "jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
        "textDocument": { "uri": uri(), "version": version },
        "contentChanges": [{ "text": text }],
    } })
}

fn at(offset_text: &str, offset: usize) -> Value {
    json!({ "textDocument": { "uri": uri() }, "position": position(offset_text, offset) })
}

#[tokio::test]
async fn a_burst_of_edits_publishes_one_set_of_diagnostics_for_the_final_text() {
    // Large enough that the burst has arrived before the check its first
    // edit starts is over.
    let text = program(20);
    let mut session = Session::start().await;
    assert_eq!(session.open(&text).await["diagnostics"], json!([]));
    // Type `log(missing);` one character at a time at the end of the file.
    let typed = "log(missingName);";
    let end = position(&text, text.len());
    let edits: Vec<Value> = typed
        .chars()
        .enumerate()
        .map(|(i, c)| {
            let at = json!({ "line": end["line"], "character": i });
            change(i as i64 + 1, json!({ "start": at, "end": at }), &c.to_string())
        })
        .collect();
    // …then delete and retype it, 50 edits in all.
    let line = end["line"].clone();
    let mut burst = edits.clone();
    burst.push(change(18, json!({ "start": { "line": line, "character": 0 }, "end": { "line": line, "character": 17 } }), ""));
    burst.extend(edits.iter().enumerate().map(|(i, e)| {
        let mut e = e.clone();
        e["params"]["textDocument"]["version"] = json!(19 + i);
        e
    }));
    burst.extend((0..15).map(|i| change(36 + i, json!({ "start": end, "end": end }), "")));
    assert_eq!(burst.len(), 50);
    session.send(&burst).await;
    let published = session.diagnostics().await;
    assert_eq!(published["version"], 50, "{published}");
    let messages: Vec<&str> =
        published["diagnostics"].as_array().unwrap().iter().map(|d| d["message"].as_str().unwrap()).collect();
    assert!(messages.len() == 1 && messages[0].contains("missingName"), "{messages:?}");
    // A request waits for the current analysis: once it is answered, every
    // check of the burst is over, and nothing else was published.
    let id = session.send_request("textDocument/documentSymbol", json!({ "textDocument": { "uri": uri() } })).await;
    assert!(session.response(id).await["result"].is_array());
    let others: Vec<&Value> = session.notifications.iter().filter(|n| n["method"] == "textDocument/publishDiagnostics").collect();
    assert!(others.is_empty(), "diagnostics of intermediate texts: {others:?}");
}

#[tokio::test]
async fn a_request_whose_document_changes_gets_content_modified_or_its_own_answer() {
    let text = program(20);
    let mut session = Session::start().await;
    session.open(&text).await;
    // Two versions of the text where the same position hovers differently.
    let first = text.replacen("let store0 = ", "let depot0 = ", 1);
    let second = text.replacen("let store0 = ", "let stash0 = ", 1);
    let on_name = text.find("let store0").unwrap() + 5;
    let (id, hover) = session.request("textDocument/hover", at(&first, on_name));
    session.send(&[whole(1, &first), hover, whole(2, &second)]).await;
    let response = session.response(id).await;
    match response.get("error") {
        Some(error) => assert_eq!(error["code"], -32801, "{response}"),
        None => {
            let shown = response["result"]["contents"]["value"].as_str().unwrap_or("");
            assert!(shown.contains("depot0"), "an answer for the text asked about: {response}");
        }
    }
    // Asked again, the request is answered from the newest text.
    let id = session.send_request("textDocument/hover", at(&second, on_name)).await;
    let response = session.response(id).await;
    assert!(response["result"]["contents"]["value"].as_str().unwrap_or("").contains("stash0"), "{response}");
}

#[tokio::test]
async fn cancel_request_ends_a_waiting_request() {
    let text = program(20);
    let mut session = Session::start().await;
    session.open(&text).await;
    let edited = text.replacen("let store0 = ", "let depot0 = ", 1);
    let (id, hover) = session.request("textDocument/hover", at(&edited, text.find("let store0").unwrap() + 5));
    let cancel = json!({ "jsonrpc": "2.0", "method": "$/cancelRequest", "params": { "id": id } });
    session.send(&[whole(1, &edited), hover, cancel]).await;
    let response = session.response(id).await;
    assert_eq!(response["error"]["code"], -32800, "{response}");
    let published = session.diagnostics().await;
    assert_eq!(published["version"], 1, "the check goes on: {published}");
}

/// `receiver.` typed as a new line before `line`-th occurrence of
/// `before` in `text`: the text without the `.`, the text with it, and
/// the cursor after the `.`.
fn typed(text: &str, before: &str, n: usize, receiver: &str) -> (String, String, usize) {
    let line = text.match_indices(before).nth(n).unwrap_or_else(|| panic!("`{before}` #{n}")).0;
    let line = text[..line].rfind('\n').map_or(0, |i| i + 1);
    let typed = |suffix: &str| format!("{}    {receiver}{suffix}\n{}", &text[..line], &text[line..]);
    (typed(""), typed("."), line + 5 + receiver.len())
}

/// What a completion shows: labels and details, in order.
fn shown(items: Vec<tower_lsp_server::ls_types::CompletionItem>) -> Vec<(String, Option<String>)> {
    items.into_iter().map(|i| (i.label, i.detail)).collect()
}

#[test]
fn member_completion_from_an_earlier_analysis_equals_a_full_check_on_a_large_file() {
    let text = program(40);
    let path = Path::new("/editing/main.w");
    let none = |_: &Path| None;
    let cases = [
        ("this.bucket.putJson", 30, "this.bucket"),
        ("this.bucket.putJson", 30, "this"),
        ("    return sum;", 39, "this.bucket"),
        ("      sum += ", 12, "j"),
        ("    return key;", 20, "item"),
        ("    counts.set(item.name", 25, "counts"),
        ("    counts.set(item.name", 25, "item.name"),
        ("    counts.set(name, k);", 39, "store39"),
        ("    counts.set(name, k);", 39, "store0"),
        ("    counts.set(name, k);", 3, "cloud"),
        ("    counts.set(name, k);", 7, "Item2"),
        ("    counts.set(name, k);", 7, "counts.keys()"),
        ("    counts.set(name, k);", 7, "names?"),
        ("let store39 = ", 0, "store38"),
        ("let check39 = ", 0, "cloud"),
    ];
    for (before, n, receiver) in cases {
        let (without_dot, with_dot, cursor) = typed(&text, before, n, receiver);
        let full = analysis::analyze(path, &complete::with_placeholder(&with_dot, cursor), &none);
        let expected = shown(complete::members(&full, full.entry, cursor));
        let earlier = analysis::analyze(path, &without_dot, &none);
        let answered = complete::members_from_earlier(&earlier, &with_dot, cursor);
        let what = format!("`{receiver}.` before `{before}` #{n}");
        if receiver == "names?" {
            assert!(answered.is_none(), "{what}: an unknown name is checked again");
            continue;
        }
        let answered = answered.unwrap_or_else(|| panic!("{what}: answered from the earlier analysis"));
        assert!(!expected.is_empty(), "{what}: a check offers members");
        assert_eq!(shown(answered), expected, "{what}");
    }
}

#[test]
fn an_edit_that_changes_more_than_the_member_access_is_checked_again() {
    let text = program(2);
    let path = Path::new("/editing/main.w");
    let none = |_: &Path| None;
    let (without_dot, with_dot, cursor) = typed(&text, "    return key;", 1, "item");
    let earlier = analysis::analyze(path, &without_dot, &none);
    assert!(complete::members_from_earlier(&earlier, &with_dot, cursor).is_some());
    // The same `.`, and a field added to the receiver's struct (before it).
    let with_field = with_dot.replacen("  qty: num;\n}\n\nclass Store1", "  qty: num;\n  weight: num;\n}\n\nclass Store1", 1);
    let moved = with_field.len() - with_dot.len();
    assert!(complete::members_from_earlier(&earlier, &with_field, cursor + moved).is_none());
    // The same `.`, and an edit in the next method (after it).
    let later = format!("{}{}", &with_dot[..cursor], with_dot[cursor..].replacen("let var sum = 0;", "let var sum = 1;", 1));
    assert!(complete::members_from_earlier(&earlier, &later, cursor).is_none());
    // The same `.`, and a name on the next line changed.
    let next_line = format!("{}{}", &with_dot[..cursor], with_dot[cursor..].replacen("return key;", "returns key;", 1));
    assert!(complete::members_from_earlier(&earlier, &next_line, cursor).is_none());
    // The receiver is being written: `it.` where the earlier text had `i`.
    let (partial, _, _) = typed(&text, "    return key;", 1, "i");
    let earlier = analysis::analyze(path, &partial, &none);
    assert!(complete::members_from_earlier(&earlier, &with_dot, cursor).is_none());
}

#[tokio::test]
async fn completion_through_the_server_equals_a_full_check() {
    let text = program(20);
    let mut session = Session::start().await;
    session.open(&text).await;
    let (without_dot, with_dot, cursor) = typed(&text, "    counts.set(name, k);", 19, "store19");
    session.send(&[whole(1, &without_dot)]).await;
    assert_eq!(session.diagnostics().await["version"], 1);
    let (id, completion) = session.request("textDocument/completion", at(&with_dot, cursor));
    session.send(&[whole(2, &with_dot), completion]).await;
    let response = session.response(id).await;
    let labels: Vec<&str> = response["result"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    let full = analysis::analyze(Path::new("/editing/main.w"), &complete::with_placeholder(&with_dot, cursor), &|_| None);
    let expected: Vec<String> = complete::members(&full, full.entry, cursor).into_iter().map(|i| i.label).collect();
    assert_eq!(labels, expected);
    assert!(labels.contains(&"save") && labels.contains(&"total"), "{labels:?}");
    // `receiver.` arriving in one change (a paste): answered once checked.
    let (_, pasted, cursor) = typed(&text, "    return sum;", 7, "this.bucket");
    let (id, completion) = session.request("textDocument/completion", at(&pasted, cursor));
    session.send(&[whole(3, &pasted), completion]).await;
    let response = session.response(id).await;
    let labels: Vec<&str> = response["result"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    let full = analysis::analyze(Path::new("/editing/main.w"), &complete::with_placeholder(&pasted, cursor), &|_| None);
    let expected: Vec<String> = complete::members(&full, full.entry, cursor).into_iter().map(|i| i.label).collect();
    assert_eq!(labels, expected);
    assert!(labels.contains(&"getJson") && !labels.contains(&"onCreate"), "inflight members: {labels:?}");
    // A name being typed: `sto`, checked, then `r`.
    let (sto, _, _) = typed(&text, "    counts.set(name, k);", 19, "sto");
    session.send(&[whole(4, &sto)]).await;
    while session.diagnostics().await["version"] != 4 {}
    let (stor, _, _) = typed(&text, "    counts.set(name, k);", 19, "stor");
    let cursor = stor.match_indices("    counts.set(name, k);").nth(19).unwrap().0 - 1;
    let (id, completion) = session.request("textDocument/completion", at(&stor, cursor));
    session.send(&[whole(5, &stor), completion]).await;
    let response = session.response(id).await;
    let labels: Vec<&str> = response["result"].as_array().unwrap().iter().map(|i| i["label"].as_str().unwrap()).collect();
    let full = analysis::analyze(Path::new("/editing/main.w"), &stor, &|_| None);
    let expected: Vec<String> = complete::names(&full, full.entry, cursor).into_iter().map(|i| i.label).collect();
    assert_eq!(labels, expected);
    assert!(labels.contains(&"store19") && labels.contains(&"counts"), "{labels:?}");
}

#[test]
fn name_completion_from_an_earlier_analysis_equals_a_full_check_on_a_large_file() {
    let text = program(40);
    let path = Path::new("/editing/main.w");
    let none = |_: &Path| None;
    let cases = [
        ("    return sum;", 39, "su", "m"),
        ("    counts.set(name, k);", 39, "sto", "re"),
        ("    counts.set(item.name", 25, "", "i"),
        ("let store39 = ", 0, "Ite", "m"),
        ("    return key;", 20, "this.pre", "f"),
    ];
    for (before, n, written, more) in cases {
        let (earlier_text, _, _) = typed(&text, before, n, written);
        let (now, _, _) = typed(&text, before, n, &format!("{written}{more}"));
        let cursor = now.match_indices(before).nth(n).unwrap().0 - 1;
        let full = analysis::analyze(path, &now, &none);
        let expected = shown(complete::names(&full, full.entry, cursor));
        let earlier = analysis::analyze(path, &earlier_text, &none);
        let what = format!("`{written}` + `{more}` before `{before}` #{n}");
        let answered = complete::names_from_earlier(&earlier, &now, cursor).unwrap_or_else(|| panic!("{what}: answered"));
        assert!(expected.len() > 40, "{what}: names, types and keywords: {expected:?}");
        assert_eq!(shown(answered), expected, "{what}");
    }
    // A name the earlier analysis resolved is being changed: checked again.
    let (earlier_text, _, _) = typed(&text, "    return sum;", 39, "sum");
    let (now, _, _) = typed(&text, "    return sum;", 39, "sums");
    let earlier = analysis::analyze(path, &earlier_text, &none);
    let cursor = now.match_indices("    return sum;").nth(39).unwrap().0 - 1;
    assert!(complete::names_from_earlier(&earlier, &now, cursor).is_none());
}
