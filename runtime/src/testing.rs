//! The test runner: takes a loaded app, runs its `test` blocks (each in a
//! fresh simulator, several at once), gives one [`TestResult`] per test in
//! source order.

use crate::App;
use crate::sim::{LogLine, Simulator};
use std::sync::Mutex;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// How long one test may run.
pub const TEST_TIMEOUT: Duration = Duration::from_secs(60);

/// The outcome of one test.
#[derive(Debug, Clone)]
pub struct TestResult {
    pub name: String,
    pub passed: bool,
    pub duration: Duration,
    /// The failure with its inflight stack trace.
    pub error: Option<String>,
    /// What the test and the resources it used logged.
    pub logs: Vec<LogLine>,
}

impl App {
    /// Runs every test whose name contains `filter`, `jobs` at a time.
    pub fn run_tests(&self, filter: Option<&str>, jobs: usize) -> Vec<TestResult> {
        let selected: Vec<_> = self.manifest().tests.iter().filter(|t| filter.is_none_or(|f| t.name.contains(f))).collect();
        let results: Mutex<Vec<Option<TestResult>>> = Mutex::new(vec![None; selected.len()]);
        let next = AtomicUsize::new(0);
        std::thread::scope(|scope| {
            for _ in 0..jobs.clamp(1, selected.len().max(1)) {
                scope.spawn(|| {
                    loop {
                        let i = next.fetch_add(1, Ordering::Relaxed);
                        let Some(test) = selected.get(i) else { break };
                        let result = self.run_test(&test.name, &test.path, &test.bundle);
                        results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
                    }
                });
            }
        });
        results.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().flatten().collect()
    }

    fn run_test(&self, name: &str, path: &str, bundle: &str) -> TestResult {
        let started = Instant::now();
        let Some(bundle) = self.bundle_index(bundle) else {
            return TestResult {
                name: name.to_string(),
                passed: false,
                duration: started.elapsed(),
                error: Some(format!("the test's bundle {bundle} is missing")),
                logs: Vec::new(),
            };
        };
        let simulator = Simulator::start(self);
        let outcome = simulator.run_test(bundle, path, TEST_TIMEOUT);
        let duration = started.elapsed();
        let logs = simulator.logs();
        simulator.stop();
        TestResult {
            name: name.to_string(),
            passed: outcome.is_ok(),
            duration,
            error: outcome.err().map(|f| f.to_string()),
            logs,
        }
    }
}
