//! A benchmark (not a test) of the language server's latency on a large
//! file: takes a program (a file, or `gen-lines.sh 120` from
//! `../shared/bench`: about 5,000 lines), prints the median and worst time
//! of what an editor waits for — a `didChange` (the re-check and the
//! diagnostics published from it), hover, completion of names, and
//! completion after a `.` typed inside a function body, both ways the
//! server can answer it: from the receiver's type in the analysis of the
//! text before the `.`, and by checking the text with a placeholder at the
//! cursor. It calls the server's own functions, the ones `server.rs` runs
//! for each message, without the JSON-RPC framing.
//!
//! Run: `cargo run --release -p wing-lsp --example latency [FILE | LINES]`
//! (LINES: this file's own generator).

use std::path::Path;
use std::time::{Duration, Instant};
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
    let mut times: Vec<Duration> = (0..runs)
        .map(|_| {
            let start = Instant::now();
            std::hint::black_box(f());
            start.elapsed()
        })
        .collect();
    times.sort();
    (times[runs / 2], times[runs - 1])
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
}
