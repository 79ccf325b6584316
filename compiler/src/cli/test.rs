//! `wingc test`: takes a compiled app, runs its tests in the simulator,
//! prints a line per test (with what it logged and, for a failure, the
//! message and inflight stack trace) and the closing `N passed, N failed`.

use std::path::Path;
use wingc::targets::sim::SimApp;

pub fn run(file: &Path, app: &SimApp, filter: Option<&str>, jobs: Option<usize>) -> i32 {
    let app = match wing_runtime::App::new(app.manifest.clone(), &app.bundles) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("error: cannot start the simulator: {e}");
            return 1;
        }
    };
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let results = app.run_tests(filter, jobs);
    let name = file.file_name().map_or("main.w".into(), |n| n.to_string_lossy().into_owned());
    let mut failed = 0;
    for result in &results {
        let millis = result.duration.as_secs_f64() * 1000.0;
        let verdict = if result.passed { "pass" } else { "fail" };
        println!("{verdict} ─ {name} » {} ({millis:.1}ms)", result.name);
        for line in &result.logs {
            println!("    [{}] {}", line.source, line.text);
        }
        if let Some(error) = &result.error {
            failed += 1;
            for line in error.lines() {
                println!("    {line}");
            }
        }
    }
    println!();
    println!("{} passed, {failed} failed", results.len() - failed);
    i32::from(failed > 0)
}
