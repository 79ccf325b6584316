//! `wingc test`: takes a compiled app and the test flags, runs the tests in
//! the simulator (a fresh one per test, `-j` at once, each within its
//! timeout), prints a line per test in source order (with what it logged
//! and, for a failure, the message and inflight stack trace) and the
//! closing `N passed, N failed`. On a terminal a progress line shows while
//! tests run. `--trace` writes every invocation of every test as JSON.

use super::sim_options;
use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;
use wing_runtime::{TestOptions, TestResult};
use wingc::targets::sim::SimApp;

/// What the command line asked for.
pub struct Flags {
    pub filter: Option<String>,
    pub jobs: Option<usize>,
    pub timeout: Option<Duration>,
    pub trace: Option<PathBuf>,
}

pub fn run(file: &Path, app: &SimApp, flags: Flags) -> i32 {
    let app = match wing_runtime::App::new(app.manifest.clone(), &app.bundles) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("error: cannot start the simulator: {e}");
            return 1;
        }
    };
    let selected = app.manifest().tests.iter().filter(|t| flags.filter.as_deref().is_none_or(|f| t.name.contains(f))).count();
    let mut options = TestOptions { filter: flags.filter, ..TestOptions::default() };
    options.jobs = flags.jobs.unwrap_or(options.jobs).max(1);
    options.timeout = flags.timeout.unwrap_or(options.timeout);
    options.sim = sim_options(file, None, None, flags.trace.is_some());
    if std::io::stderr().is_terminal() && selected > 1 {
        eprint!("[0/{selected}] running…");
        options.on_result = Some(progress(selected));
    }
    let results = app.run_tests(&options);
    if options.on_result.is_some() {
        eprint!("\r\x1b[2K");
    }
    let failed = print_results(file, &results);
    if let Some(trace) = &flags.trace
        && let Err(e) = write_trace(trace, &results)
    {
        eprintln!("error: cannot write {}: {e}", trace.display());
        return 1;
    }
    i32::from(failed > 0)
}

/// Prints each result and the closing line; gives the number failed.
fn print_results(file: &Path, results: &[TestResult]) -> usize {
    let name = file.file_name().map_or("main.w".into(), |n| n.to_string_lossy().into_owned());
    let mut failed = 0;
    let mut out = std::io::stdout().lock();
    for result in results {
        let millis = result.duration.as_secs_f64() * 1000.0;
        let verdict = if result.passed { "pass" } else { "fail" };
        let _ = writeln!(out, "{verdict} ─ {name} » {} ({millis:.1}ms)", result.name);
        for line in &result.logs {
            let mut text = line.text.lines();
            let _ = writeln!(out, "    [{}] {}", line.source, text.next().unwrap_or_default());
            for rest in text {
                let _ = writeln!(out, "    {rest}");
            }
        }
        if let Some(error) = &result.error {
            failed += 1;
            for line in error.lines() {
                let _ = writeln!(out, "    {line}");
            }
        }
    }
    let _ = writeln!(out);
    let _ = writeln!(out, "{} passed, {failed} failed", results.len() - failed);
    failed
}

/// A progress line on stderr, rewritten as each test ends.
fn progress(total: usize) -> wing_runtime::ResultSink {
    let (done, failed) = (Arc::new(AtomicUsize::new(0)), Arc::new(AtomicUsize::new(0)));
    Arc::new(move |result: &TestResult| {
        let done = done.fetch_add(1, Ordering::AcqRel) + 1;
        let failed = failed.fetch_add(usize::from(!result.passed), Ordering::AcqRel) + usize::from(!result.passed);
        eprint!("\r\x1b[2K[{done}/{total}] {} passed, {failed} failed · {}", done - failed, result.name);
        let _ = std::io::stderr().flush();
    })
}

/// `{"tests": [{"name", "passed", "duration_us", "error", "traces": [...]}]}`.
fn write_trace(path: &Path, results: &[TestResult]) -> std::io::Result<()> {
    let tests: Vec<serde_json::Value> = results
        .iter()
        .map(|r| {
            serde_json::json!({
                "name": r.name,
                "passed": r.passed,
                "duration_us": r.duration.as_micros() as u64,
                "error": r.error,
                "traces": r.traces,
            })
        })
        .collect();
    let text = serde_json::to_string_pretty(&serde_json::json!({ "tests": tests })).map_err(std::io::Error::other)?;
    std::fs::write(path, text)
}
