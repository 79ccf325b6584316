//! A benchmark (not a test) of the language server's latency on a large
//! file: takes nothing, prints the median and worst time of what an editor
//! waits for on a generated 5,000-line program — a `didChange` (the
//! re-check and the diagnostics published from it), hover, completion of
//! names, and completion after `.` (which re-checks the text with a
//! placeholder at the cursor). It calls the server's own functions, the
//! ones `server.rs` runs for each message, without the JSON-RPC framing.
//!
//! Run: `cargo run --release -p wing-lsp --example latency [LINES]`.

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
    println!("{what:<44} median {:>8.2} ms   worst {:>8.2} ms", median.as_secs_f64() * 1e3, worst.as_secs_f64() * 1e3);
}

fn main() {
    let lines = std::env::args().nth(1).and_then(|n| n.parse().ok()).unwrap_or(5000);
    let text = program(lines);
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
    let at = |needle: &str, delta: usize| text.rfind(needle).expect("the needle") + delta;
    let entry = analysis.entry;
    let on_qty = at("sum += item.qty", 12);
    report("hover (`item.qty`, end of file)", time(200, || hover::hover(&analysis, entry, on_qty)));
    let in_body = at("  return sum;", 2);
    report("completion of names (end of file)", time(200, || complete::names(&analysis, entry, in_body)));
    let line = at("  return sum;", 0);
    let with_dot = format!("{}  store0.;\n{}", &text[..line], &text[line..]);
    let cursor = line + "  store0.".len();
    let members = || {
        let patched = check(&complete::with_placeholder(&with_dot, cursor));
        complete::members(&patched, patched.entry, cursor)
    };
    assert!(members().iter().any(|m| m.label == "save"), "`store0.` offers `save`");
    report("completion after `.` (placeholder re-check)", time(15, members));
}
