//! A benchmark (not a test) of the language server's latency on a large
//! file: takes a program (a file, or `gen-lines.sh 120` from
//! `../shared/bench`: about 5,000 lines), prints the median and worst time
//! of what an editor waits for — a `didChange` (the re-check and the
//! diagnostics published from it), hover, completion of names, and
//! completion after a `.` typed inside a function body, both ways the
//! server can answer it: from the receiver's type in the analysis of the
//! text before the `.`, and by checking the text with a placeholder at the
//! cursor — first calling the features directly, then through the
//! server's message loop and checker thread (JSON-RPC over in-memory
//! streams).
//!
//! Run: `cargo run --release -p wing-lsp --example editor_latency [FILE | LINES]`
//! (LINES: this file's own generator).

use serde_json::{Value, json};
use std::path::Path;
use std::time::{Duration, Instant};
use tokio::io::{AsyncBufReadExt, AsyncReadExt, AsyncWriteExt, BufReader, DuplexStream, ReadHalf, WriteHalf};
use wing_lsp::analysis::{self, Analysis};
use wing_lsp::features::{actions, complete, hover};

/// One unit of the generated program (about 20 lines once formatted).
fn unit(i: usize) -> String {
    format!(
        "struct Item{i} {{\n  name: str;\n  qty: num;\n}}\n\
         class Store{i} {{\n  pub bucket: cloud.Bucket;\n  new() {{\n    this.bucket = new cloud.Bucket();\n  }}\n\
         \x20 pub inflight save(item: Item{i}): str {{\n    let key = \"{{item.name}}/{i}\";\n    this.bucket.put(key, \"{{item.qty}}\");\n    return key;\n  }}\n}}\n\
         let store{i} = new Store{i}();\n\
         let total{i} = inflight (items: Array<Item{i}>): num => {{\n  let var sum = 0;\n  for item in items {{\n    sum += item.qty;\n  }}\n  store{i}.save(items.at(0));\n  return sum;\n}};\n"
    )
}

fn program(lines: usize) -> String {
    let mut text = String::from("bring cloud;\n");
    let mut i = 0;
    while text.lines().count() < lines {
        text.push_str(&unit(i));
        i += 1;
    }
    wingc::format::format(&text).expect("the generated program parses")
}

/// Runs `f` `runs` times; gives the median and the worst time.
fn time<T>(runs: usize, mut f: impl FnMut() -> T) -> (Duration, Duration) {
    summary(
        (0..runs)
            .map(|_| {
                let start = Instant::now();
                std::hint::black_box(f());
                start.elapsed()
            })
            .collect(),
    )
}

/// The median and the worst of some times.
fn summary(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[times.len() / 2], times[times.len() - 1])
}

/// A client of an in-process server.
struct Session {
    to_server: WriteHalf<DuplexStream>,
    from_server: BufReader<ReadHalf<DuplexStream>>,
    next_id: u64,
    version: i32,
    /// The versions whose diagnostics came while waiting for answers.
    published: Vec<i32>,
}

impl Session {
    fn start() -> Session {
        let (client, server) = tokio::io::duplex(1 << 24);
        std::thread::Builder::new()
            .stack_size(256 << 20)
            .spawn(move || {
                let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
                let (input, output) = tokio::io::split(server);
                runtime.block_on(wing_lsp::server::serve(input, output));
            })
            .expect("the server thread");
        let (from_server, to_server) = tokio::io::split(client);
        Session { to_server, from_server: BufReader::new(from_server), next_id: 0, version: 0, published: Vec::new() }
    }

    async fn send(&mut self, message: Value) {
        let body = message.to_string();
        let framed = format!("Content-Length: {}\r\n\r\n{body}", body.len());
        self.to_server.write_all(framed.as_bytes()).await.expect("write to the server");
    }

    async fn notify(&mut self, method: &str, params: Value) {
        if self.next_id == 0 {
            self.request("initialize", json!({ "processId": null, "rootUri": null, "capabilities": {} })).await;
            self.send(json!({ "jsonrpc": "2.0", "method": "initialized", "params": {} })).await;
        }
        self.send(json!({ "jsonrpc": "2.0", "method": method, "params": params })).await;
    }

    /// Replaces `start..end` with `text`; gives the new version.
    async fn edit(&mut self, uri: &str, start: &Value, end: &Value, text: &str) -> i32 {
        self.version += 1;
        let change = json!({ "range": { "start": start, "end": end }, "text": text });
        let params = json!({ "textDocument": { "uri": uri, "version": self.version }, "contentChanges": [change] });
        self.notify("textDocument/didChange", params).await;
        self.version
    }

    async fn read(&mut self) -> Value {
        let mut length = 0;
        loop {
            let mut line = String::new();
            assert!(self.from_server.read_line(&mut line).await.expect("read") > 0, "the server closed the stream");
            match line.trim_end() {
                "" => break,
                header => length = header.strip_prefix("Content-Length: ").map_or(length, |n| n.parse().expect("a length")),
            }
        }
        let mut body = vec![0; length];
        self.from_server.read_exact(&mut body).await.expect("a message body");
        serde_json::from_slice(&body).expect("JSON")
    }

    /// Sends a request; gives its result once answered.
    async fn request(&mut self, method: &str, params: Value) -> Value {
        self.next_id += 1;
        let id = self.next_id;
        self.send(json!({ "jsonrpc": "2.0", "id": id, "method": method, "params": params })).await;
        loop {
            let message = self.read().await;
            if message["id"] == json!(id) {
                return message["result"].clone();
            }
            if let Some(version) = message["params"]["version"].as_i64() {
                self.published.push(version as i32);
            }
        }
    }

    /// Waits for the diagnostics published for `version`.
    async fn diagnostics(&mut self, version: i32) {
        if !self.published.contains(&version) {
            while self.read().await["params"]["version"] != json!(version) {}
        }
    }
}

fn report(what: &str, (median, worst): (Duration, Duration)) {
    println!("{what:<56} median {:>8.2} ms   worst {:>8.2} ms", median.as_secs_f64() * 1e3, worst.as_secs_f64() * 1e3);
}

/// Where the benchmark types a member access: before a line of the last
/// function body, a receiver whose members are known.
struct Probe {
    /// The line the access is typed above.
    line: &'static str,
    receiver: &'static str,
    /// A member completion must offer.
    member: &'static str,
}

const PROBES: &[Probe] = &[
    Probe { line: "  expect.equal(counts.size(), 3);", receiver: "counts", member: "set" },
    Probe { line: "  return sum;", receiver: "store0", member: "save" },
];

/// The program to measure: the file named on the command line, else
/// `gen-lines.sh 120` from `../shared/bench` (about 5,000 lines), else
/// this file's own generator.
fn workload() -> String {
    if let Some(arg) = std::env::args().nth(1) {
        return match arg.parse::<usize>() {
            Ok(lines) => program(lines),
            Err(_) => std::fs::read_to_string(&arg).unwrap_or_else(|e| panic!("cannot read {arg}: {e}")),
        };
    }
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/bench/gen-lines.sh");
    match std::process::Command::new("bash").arg(&script).arg("120").output() {
        Ok(out) if out.status.success() => String::from_utf8_lossy(&out.stdout).into_owned(),
        _ => program(5000),
    }
}

fn main() {
    let text = workload();
    let path = Path::new("/bench/main.w");
    let none = |_: &Path| None;
    let check = |text: &str| -> Analysis { analysis::analyze(path, text, &none) };
    let analysis = check(&text);
    assert!(analysis.checked.diagnostics.is_empty(), "{:?}", analysis.checked.diagnostics.first());
    println!("{} lines, {} bytes", text.lines().count(), text.len());

    report(
        "didChange → diagnostics (re-check)",
        time(15, || {
            let a = check(&text);
            actions::diagnostics(&a, a.entry)
        }),
    );
    let probe = PROBES.iter().find(|p| text.contains(p.line)).expect("a probe line in the program");
    let line = text.rfind(probe.line).expect("the probe line");
    let entry = analysis.entry;
    let on_receiver = text[..line].rfind(probe.receiver).expect("a use of the receiver") + 1;
    report("hover (a use of the receiver, end of file)", time(200, || hover::hover(&analysis, entry, on_receiver)));
    report("completion of names (end of file)", time(200, || complete::names(&analysis, entry, line + 2)));

    // Typing `receiver.`: the server last checked the text without the `.`.
    let typed = |suffix: &str| format!("{}  {}{suffix}\n{}", &text[..line], probe.receiver, &text[line..]);
    let (before_dot, with_dot) = (typed(""), typed("."));
    let cursor = line + 3 + probe.receiver.len();
    let earlier = check(&before_dot);
    let full = || {
        let patched = check(&complete::with_placeholder(&with_dot, cursor));
        complete::members(&patched, patched.entry, cursor)
    };
    let placeholder = || {
        let patched = analysis::analyze_without_occurrences(path, &complete::with_placeholder(&with_dot, cursor), &none);
        complete::members(&patched, patched.entry, cursor)
    };
    let reused = || complete::members_from_earlier(&earlier, &with_dot, cursor).expect("the receiver's checked type");
    let labels =
        |items: Vec<tower_lsp_server::ls_types::CompletionItem>| -> Vec<String> { items.into_iter().map(|i| i.label).collect() };
    let expected = labels(full());
    assert!(expected.iter().any(|m| m == probe.member), "`{}.` offers `{}`: {expected:?}", probe.receiver, probe.member);
    assert_eq!(labels(reused()), expected, "the earlier analysis gives what a check gives");
    report("completion after `.`: check with placeholder (before)", time(15, full));
    report("completion after `.`: same, without occurrences", time(15, placeholder));
    report("completion after `.`: receiver's earlier type", time(200, reused));

    let runtime = tokio::runtime::Builder::new_current_thread().enable_all().build().expect("a runtime");
    runtime.block_on(through_the_server(&text, probe, line));
}

/// The same over JSON-RPC, through the server's own message loop and
/// checker thread (in process, over in-memory streams): from sending a
/// message to reading what answers it.
async fn through_the_server(text: &str, probe: &Probe, line: usize) {
    let mut session = Session::start();
    let uri = "file:///bench/main.w";
    let doc = json!({ "uri": uri, "languageId": "wing", "version": 0, "text": text });
    session.notify("textDocument/didOpen", json!({ "textDocument": doc })).await;
    session.diagnostics(0).await;
    let position = |offset: usize| {
        let before = &text[..offset];
        json!({ "line": before.matches('\n').count(), "character": before.len() - before.rfind('\n').map_or(0, |i| i + 1) })
    };
    let at = position(line);
    let mut diagnostics = Vec::new();
    for i in 0..15 {
        let started = Instant::now();
        let v = match i % 2 {
            0 => session.edit(uri, &at, &at, " ").await,
            _ => session.edit(uri, &at, &json!({ "line": at["line"], "character": 1 }), "").await,
        };
        session.diagnostics(v).await;
        diagnostics.push(started.elapsed());
    }
    report("server: didChange → publishDiagnostics", summary(diagnostics));

    let on_receiver = position(text[..line].rfind(probe.receiver).expect("a use of the receiver") + 1);
    let hover = json!({ "textDocument": { "uri": uri }, "position": on_receiver });
    let mut hovers = Vec::new();
    for _ in 0..50 {
        let started = Instant::now();
        session.request("textDocument/hover", hover.clone()).await;
        hovers.push(started.elapsed());
    }
    report("server: hover", summary(hovers));

    let line_of = |character: usize| json!({ "line": at["line"], "character": character });
    let next_line = json!({ "line": at["line"].as_u64().unwrap_or(0) + 1, "character": 0 });
    let undo = (&at, &next_line);

    // Type `receiver` on a line of its own, let it be checked, then type
    // `.` and ask for completion at once (an editor's trigger character).
    let typed = format!("  {}\n", probe.receiver);
    let (dot, after_dot) = (line_of(typed.len() - 1), line_of(typed.len()));
    let dot_typed = Typing { checked: Some(&typed), typed: (&dot, "."), completion_at: &after_dot, offers: probe.member };
    report("server: didChange `.` + completion", summary(dot_typed.timed(&mut session, uri, &at, undo).await));

    // `receiver.` in one change (a paste, or typed faster than a check):
    // completion waits for the check of that text.
    let pasted = format!("  {}.\n", probe.receiver);
    let pasted = Typing { checked: None, typed: (&at, &pasted), completion_at: &after_dot, offers: probe.member };
    report("server: didChange `receiver.` + completion", summary(pasted.timed(&mut session, uri, &at, undo).await));

    // Typing a name: its first letters checked, then one more letter and
    // a completion request at once.
    let (written, more) = probe.receiver.split_at(2);
    let typed = format!("  {written}\n");
    let (end_of_word, after_letter) = (line_of(typed.len() - 1), line_of(typed.len()));
    let letter =
        Typing { checked: Some(&typed), typed: (&end_of_word, &more[..1]), completion_at: &after_letter, offers: probe.receiver };
    report("server: didChange (a letter) + completion of names", summary(letter.timed(&mut session, uri, &at, undo).await));
}

/// One way of typing before a completion request.
struct Typing<'a> {
    /// Inserted and checked first, untimed.
    checked: Option<&'a str>,
    /// Inserted at a position, then completion asked for at once: timed.
    typed: (&'a Value, &'a str),
    completion_at: &'a Value,
    /// A label the completion must offer.
    offers: &'a str,
}

impl Typing<'_> {
    /// 15 rounds of typing at `at` and asking for completion, each undone
    /// (`undo`: the range removed) and checked afterwards; the times from
    /// the timed change to the completion's answer.
    async fn timed(&self, session: &mut Session, uri: &str, at: &Value, undo: (&Value, &Value)) -> Vec<Duration> {
        let mut completions = Vec::new();
        for _ in 0..15 {
            if let Some(checked) = self.checked {
                let v = session.edit(uri, at, at, checked).await;
                session.diagnostics(v).await;
            }
            let started = Instant::now();
            let (position, text) = self.typed;
            let v = session.edit(uri, position, position, text).await;
            let completion = json!({ "textDocument": { "uri": uri }, "position": self.completion_at });
            let items = session.request("textDocument/completion", completion).await;
            completions.push(started.elapsed());
            assert!(items.as_array().is_some_and(|i| i.iter().any(|i| i["label"] == self.offers)), "{items}");
            session.diagnostics(v).await;
            let v = session.edit(uri, undo.0, undo.1, "").await;
            session.diagnostics(v).await;
        }
        completions
    }
}
