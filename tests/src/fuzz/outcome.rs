//! One program, judged: the child side compiles it (and runs its tests)
//! and says how that went through its exit code; the parent side runs the
//! child under a time limit and classifies what it observed, so that a
//! stack overflow or an endless loop is a finding, not the end of the run.

use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use wingc::diagnostics::Diagnostic;
use wingc::driver::{Compiled, Input};

/// How one program went.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Outcome {
    /// Compiled, and its tests (if any) ran.
    Ok,
    /// Rejected with located diagnostics.
    Errors,
    /// A panic, an abort (stack overflow), an internal error, a diagnostic
    /// pointing outside its file: the signature says which.
    Crash(String),
    /// Still running at the time limit.
    Stall,
}

impl Outcome {
    pub fn is_finding(&self) -> bool {
        matches!(self, Outcome::Crash(_) | Outcome::Stall)
    }
}

/// Child exit code: located errors.
const EXIT_ERRORS: i32 = 1;
/// Child exit code: an internal error or an unlocated diagnostic.
const EXIT_INTERNAL: i32 = 3;

/// The stack an editor thread might give the checker: the front end must
/// fit in it at its nesting limits (the driver compiles on a larger one).
const EDITOR_STACK: usize = 8 << 20;

/// How long one test of a generated program may run in the child.
const TEST_TIMEOUT: Duration = Duration::from_secs(2);

/// The child side: checks `file` (on an editor-sized stack), compiles it,
/// renders its diagnostics, runs its tests; gives the exit code. Panics
/// and aborts are left to happen: the parent observes them.
pub fn judge(file: &Path, dir: Option<&Path>) -> i32 {
    let text = std::fs::read_to_string(file).unwrap_or_default();
    let input = Input { name: "main.w", text: &text, dir, out_dir: None };
    let checked = std::thread::scope(|scope| {
        let thread = std::thread::Builder::new().stack_size(EDITOR_STACK).spawn_scoped(scope, || wingc::driver::check(input));
        match thread.expect("spawn the checker thread").join() {
            Ok(checked) => checked.diagnostics.len(),
            Err(panic) => std::panic::resume_unwind(panic),
        }
    });
    match wingc::driver::compile(input) {
        Compiled::Failed { sources, diagnostics } => {
            let _ = wingc::diagnostics::render(&diagnostics, &sources);
            if let Some(problem) = diagnostics.iter().find_map(|d| internal_problem(d, &sources)) {
                eprintln!("{problem}");
                return EXIT_INTERNAL;
            }
            if checked > 0 || !diagnostics.is_empty() { EXIT_ERRORS } else { 0 }
        }
        Compiled::Ok { app, .. } => run_tests(app),
    }
}

/// Why a diagnostic is a compiler bug, if it is one.
fn internal_problem(d: &Diagnostic, sources: &wingc::diagnostics::SourceMap) -> Option<String> {
    if d.code == "E0500" || d.code == "E0600" || d.message.contains("internal error") {
        return Some(format!("internal error {}: {}", d.code, d.message));
    }
    let len = sources.get(d.span.file).text.len() as u32;
    (d.span.start > d.span.end || d.span.end > len).then(|| format!("diagnostic {} outside its file: {}", d.code, d.message))
}

fn run_tests(app: wingc::targets::sim::SimApp) -> i32 {
    let simulator = match wing_runtime::App::new(app.manifest, &app.bundles) {
        Ok(simulator) => simulator,
        Err(e) => {
            eprintln!("internal error: the simulator cannot load a compiled app: {e:#}");
            return EXIT_INTERNAL;
        }
    };
    let options = wing_runtime::TestOptions { jobs: 2, timeout: TEST_TIMEOUT, ..Default::default() };
    for result in simulator.run_tests(&options) {
        if let Some(error) = result.error.filter(|e| e.contains("internal error") || e.contains("panicked")) {
            eprintln!("internal error in test {}: {error}", result.name);
            return EXIT_INTERNAL;
        }
    }
    0
}

/// The parent side: runs `exe child FILE [--dir DIR]` for at most `limit`
/// and classifies what happened.
pub fn run_child(exe: &Path, file: &Path, dir: Option<&Path>, limit: Duration) -> Outcome {
    let mut command = Command::new(exe);
    command.arg("child").arg(file);
    if let Some(dir) = dir {
        command.arg("--dir").arg(dir);
    }
    let mut child = match command.stdin(Stdio::null()).stdout(Stdio::null()).stderr(Stdio::piped()).spawn() {
        Ok(child) => child,
        Err(e) => return Outcome::Crash(format!("cannot start the child: {e}")),
    };
    let mut stderr = child.stderr.take().expect("piped stderr");
    let reader = std::thread::spawn(move || {
        let mut text = String::new();
        let _ = stderr.read_to_string(&mut text);
        text
    });
    let started = Instant::now();
    let status = loop {
        // CPU time where the system tells it (the machine may be shared),
        // and never more than a few times the limit of waiting.
        let spent = cpu_time(child.id()).unwrap_or_else(|| started.elapsed());
        match child.try_wait() {
            Ok(Some(status)) => break Some(status),
            Ok(None) if spent < limit && started.elapsed() < limit * WALL_FACTOR => std::thread::sleep(Duration::from_millis(5)),
            _ => {
                let _ = child.kill();
                let _ = child.wait();
                break None;
            }
        }
    };
    let stderr = reader.join().unwrap_or_default();
    match status {
        None => Outcome::Stall,
        Some(status) => match status.code() {
            Some(0) => Outcome::Ok,
            Some(EXIT_ERRORS) => Outcome::Errors,
            code => Outcome::Crash(signature(code, &stderr)),
        },
    }
}

/// How many times the CPU time limit a child may take in wall time (it
/// may be waiting on the simulator, or the machine may be busy).
const WALL_FACTOR: u32 = 4;

/// The CPU time a running process has used, from `/proc` (Linux).
fn cpu_time(pid: u32) -> Option<Duration> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    // The fields after the command name (which may hold spaces), from
    // field 3 on: utime and stime are fields 14 and 15, in clock ticks.
    let fields: Vec<&str> = stat.rsplit_once(')')?.1.split_whitespace().collect();
    let ticks: u64 = fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?;
    Some(Duration::from_millis(ticks * 1000 / CLOCK_TICKS_PER_SECOND))
}

/// `sysconf(_SC_CLK_TCK)`: 100 on every Linux that matters here.
const CLOCK_TICKS_PER_SECOND: u64 = 100;

/// What identifies a crash (the same bug gives the same signature): the
/// panic's location and message, the abort's reason, the internal error.
fn signature(code: Option<i32>, stderr: &str) -> String {
    if stderr.contains("has overflowed its stack") {
        return "stack overflow".to_string();
    }
    let mut lines = stderr.lines();
    if let Some(at) = stderr.lines().position(|l| l.contains("panicked at")) {
        let location = stderr.lines().nth(at).unwrap_or_default();
        let location = location.split("panicked at").nth(1).unwrap_or_default().trim();
        let message = stderr.lines().nth(at + 1).unwrap_or_default();
        return format!("panic at {location} {message}");
    }
    let first = lines.find(|l| !l.trim().is_empty()).unwrap_or("no message");
    let first: String = first.chars().filter(|c| !c.is_ascii_digit()).take(160).collect();
    match code {
        Some(code) => format!("exit {code}: {first}"),
        None => format!("killed by a signal: {first}"),
    }
}

/// A program on disk for the child: `dir/main.w`.
pub fn write_program(dir: &Path, text: &str) -> std::io::Result<PathBuf> {
    std::fs::create_dir_all(dir)?;
    let file = dir.join("main.w");
    std::fs::write(&file, text)?;
    Ok(file)
}
