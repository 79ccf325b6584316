//! The test runner: takes a loaded app and [`TestOptions`], runs its
//! `test` blocks (each in a fresh simulator, several at once), gives one
//! [`TestResult`] per test in source order, reporting each one as it ends.

use crate::App;
use crate::engine::INVOCATION_STACK;
use crate::sim::{LogLine, SimOptions, Simulator, Trace};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

/// How long one test may run unless the options say.
pub const TEST_TIMEOUT: Duration = Duration::from_secs(60);

/// Called with each result as soon as its test ends (progress display).
pub type ResultSink = Arc<dyn Fn(&TestResult) + Send + Sync>;

/// Which tests run, and how.
#[derive(Clone)]
pub struct TestOptions {
    /// Only tests whose name contains this text.
    pub filter: Option<String>,
    /// Tests run at once.
    pub jobs: usize,
    /// How long one test may run.
    pub timeout: Duration,
    /// How each test's simulator runs.
    pub sim: SimOptions,
    pub on_result: Option<ResultSink>,
}

impl Default for TestOptions {
    fn default() -> Self {
        TestOptions {
            filter: None,
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            timeout: TEST_TIMEOUT,
            sim: SimOptions::default(),
            on_result: None,
        }
    }
}

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
    /// Every invocation of the test's simulator (with `SimOptions::trace`).
    pub traces: Vec<Trace>,
}

impl App {
    /// Runs every selected test, `jobs` at a time.
    pub fn run_tests(&self, options: &TestOptions) -> Vec<TestResult> {
        let selected: Vec<_> =
            self.manifest().tests.iter().filter(|t| options.filter.as_deref().is_none_or(|f| t.name.contains(f))).collect();
        let results: Mutex<Vec<Option<TestResult>>> = Mutex::new(vec![None; selected.len()]);
        let next = AtomicUsize::new(0);
        let work = || {
            loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(test) = selected.get(i) else { break };
                let result = self.run_test(&test.name, &test.path, &test.bundle, options);
                if let Some(sink) = &options.on_result {
                    sink(&result);
                }
                results.lock().unwrap_or_else(|e| e.into_inner())[i] = Some(result);
            }
        };
        std::thread::scope(|scope| {
            for _ in 0..options.jobs.clamp(1, selected.len().max(1)) {
                let runner = std::thread::Builder::new().name("wing-test".into()).stack_size(INVOCATION_STACK);
                if runner.spawn_scoped(scope, work).is_err() {
                    // No thread to be had: run the tests here.
                    work();
                }
            }
        });
        results.into_inner().unwrap_or_else(|e| e.into_inner()).into_iter().flatten().collect()
    }

    fn run_test(&self, name: &str, path: &str, bundle: &str, options: &TestOptions) -> TestResult {
        let started = Instant::now();
        let mut result = TestResult {
            name: name.to_string(),
            passed: false,
            duration: Duration::ZERO,
            error: None,
            logs: Vec::new(),
            traces: Vec::new(),
        };
        let Some(bundle) = self.bundle_index(bundle) else {
            result.error = Some(format!("the test's bundle {bundle} is missing"));
            return result;
        };
        let simulator = match Simulator::start(self, options.sim.clone()) {
            Ok(simulator) => simulator,
            Err(error) => {
                result.error = Some(format!("the simulator did not start: {error}"));
                result.duration = started.elapsed();
                return result;
            }
        };
        let outcome = simulator.run_test(bundle, path, options.timeout);
        result.duration = started.elapsed();
        result.passed = outcome.is_ok();
        result.error = outcome.err().map(|f| f.to_string());
        result.logs = simulator.logs();
        result.traces = simulator.traces();
        simulator.stop();
        result
    }
}
