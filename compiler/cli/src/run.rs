//! `wingc run`: takes a compiled app, starts a simulator and keeps it up:
//! prints the URL of every Api and Website, streams every log line as
//! `[root/Default/Queue/Consumer0] …`, and on Ctrl-C stops it cleanly
//! (services' stop handlers run, servers close, running invocations are
//! interrupted) within [`STOP_GRACE`]: what has not stopped by then (a
//! stop handler that loops, a host call that never returns) is left to the
//! process's exit. Nothing is half-written: state files are replaced whole.
//! With `--state-dir`, the state of buckets, counters, tables and queues
//! outlives the process.

use super::sim_options;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use wingc::targets::sim::SimApp;

/// How long Ctrl-C waits for the simulator to stop before the process
/// exits anyway (Ctrl-C must stop `wingc run` within a second).
const STOP_GRACE: Duration = Duration::from_millis(700);

pub fn run(file: &Path, app: &SimApp, state_dir: Option<PathBuf>, secrets: Option<PathBuf>, trace: Option<PathBuf>) -> i32 {
    let app = match wing_runtime::App::new(app.manifest.clone(), &app.bundles) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("error: cannot start the simulator: {e}");
            return 1;
        }
    };
    let (stop_tx, stop_rx) = std::sync::mpsc::channel();
    if let Err(e) = ctrlc::set_handler(move || {
        let _ = stop_tx.send(());
    }) {
        eprintln!("error: cannot listen for Ctrl-C: {e}");
        return 1;
    }
    let mut options = sim_options(file, state_dir, secrets, trace.is_some());
    options.log_sink = Some(Arc::new(|line: &wing_runtime::LogLine| {
        let mut out = std::io::stdout().lock();
        let _ = writeln!(out, "[{}] {}", line.source, line.text);
        let _ = out.flush();
    }));
    let simulator = match wing_runtime::Simulator::start(&app, options) {
        Ok(simulator) => simulator,
        Err(e) => {
            eprintln!("error: the simulator did not start: {e}");
            return 1;
        }
    };
    for (path, type_name, url) in simulator.endpoints() {
        println!("{type_name} {path}: {url}");
    }
    println!("The simulator is running. Press Ctrl-C to stop.");
    let _ = std::io::stdout().flush();
    let _ = stop_rx.recv();
    println!("Stopping…");
    let traces = simulator.traces();
    stop_within_grace(simulator);
    if let Some(trace) = trace {
        let text = serde_json::to_string_pretty(&serde_json::json!({ "traces": traces })).unwrap_or_default();
        if let Err(e) = std::fs::write(&trace, text) {
            eprintln!("error: cannot write {}: {e}", trace.display());
            return 1;
        }
    }
    println!("Stopped.");
    0
}

/// Stops the simulator on a thread of its own and waits for it at most
/// [`STOP_GRACE`]; says so when it did not stop in time.
fn stop_within_grace(simulator: wing_runtime::Simulator) {
    let (stopped_tx, stopped_rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        simulator.stop();
        let _ = stopped_tx.send(());
    });
    if stopped_rx.recv_timeout(STOP_GRACE).is_err() {
        eprintln!(
            "warning: a handler did not stop within {} ms (a stop handler that loops, or a call that never returns); exiting without it",
            STOP_GRACE.as_millis()
        );
    }
}
