//! `wingc test`: takes a compiled app directory, runs its tests in the
//! simulator, prints a line per test and the closing `N passed, N failed`.

use std::path::Path;
use wingc::targets::sim::SimApp;

pub fn run(file: &Path, dir: &Path, _app: &SimApp, filter: Option<&str>, jobs: Option<usize>) -> i32 {
    let app = match wing_runtime::App::load(dir) {
        Ok(app) => app,
        Err(e) => {
            eprintln!("error: cannot start the simulator: {e:#}");
            return 1;
        }
    };
    let jobs = jobs.unwrap_or_else(|| std::thread::available_parallelism().map_or(1, |n| n.get()));
    let results = app.run_tests(filter, jobs);
    let name = file.file_name().map_or("main.w".into(), |n| n.to_string_lossy().into_owned());
    let mut failed = 0;
    for result in &results {
        let millis = result.duration.as_secs_f64() * 1000.0;
        if result.passed {
            println!("pass ─ {name} » {} ({millis:.1}ms)", result.name);
        } else {
            failed += 1;
            println!("fail ─ {name} » {} ({millis:.1}ms)", result.name);
            if let Some(error) = &result.error {
                for line in error.lines() {
                    println!("    {line}");
                }
            }
        }
    }
    println!();
    println!("{} passed, {failed} failed", results.len() - failed);
    i32::from(failed > 0)
}
