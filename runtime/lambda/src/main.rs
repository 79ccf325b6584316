//! `bootstrap`, the Lambda custom runtime of wingc (`spec/lambda.md`):
//! takes the function's zip as Lambda unpacked it (`LAMBDA_TASK_ROOT`) and
//! the Runtime API (`AWS_LAMBDA_RUNTIME_API`), gives each event to the
//! function's Wasm bundle on the shared host, with the AWS backend, and
//! posts the result or the error with its `.w` stack trace.
//!
//! Init loads the bundle once; a failed init is posted to `init/error` and
//! the process exits with status 1. Then the loop serves events until the
//! Runtime API is gone. No event can end it: a malformed event is reported
//! as that event's error.

mod aws;
mod events;
mod init;
mod runtime_api;

use init::Function;
use runtime_api::{ErrorReport, Event, RuntimeApi};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::{Duration, Instant, SystemTime};
use wing_runtime::{Failure, Invocation};
use wing_std::Value;

/// The longest an invocation runs when Lambda gives no deadline.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(60);

fn main() -> ExitCode {
    // Invocations need the stack the engine's Wasm stack limit is sized
    // for, whatever the process's own limit.
    let runtime = std::thread::Builder::new().name("wing-lambda".into()).stack_size(wing_runtime::INVOCATION_STACK);
    match runtime.spawn(run).map(std::thread::JoinHandle::join) {
        Ok(Ok(code)) => code,
        Ok(Err(_)) => ExitCode::FAILURE,
        Err(problem) => {
            eprintln!("error: cannot start the runtime's thread: {problem}");
            ExitCode::FAILURE
        }
    }
}

/// Init, then the Runtime API loop.
fn run() -> ExitCode {
    let env: BTreeMap<String, String> = std::env::vars().collect();
    let Some(address) = env.get("AWS_LAMBDA_RUNTIME_API") else {
        eprintln!("error: AWS_LAMBDA_RUNTIME_API is not set: bootstrap runs inside AWS Lambda (or a Runtime API emulator)");
        return ExitCode::FAILURE;
    };
    let api = RuntimeApi::new(address);
    let task_root = env.get("LAMBDA_TASK_ROOT").map_or_else(|| PathBuf::from("."), PathBuf::from);
    let function = match init::init(&task_root, &env) {
        Ok(function) => function,
        Err(message) => {
            eprintln!("error: init failed: {message}");
            let report = ErrorReport { message, error_type: "InitError", trace: Vec::new() };
            if let Err(problem) = api.init_failed(&report) {
                eprintln!("error: {problem}");
            }
            return ExitCode::FAILURE;
        }
    };
    eprintln!("{}: loaded from {}", function.config.path, function.loaded_from);
    loop {
        let event = match api.next() {
            Ok(event) => event,
            Err(problem) => {
                eprintln!("error: the Runtime API is gone: {problem}");
                return ExitCode::FAILURE;
            }
        };
        let posted = match serve(&function, &event) {
            Ok(body) => api.respond(&event.request_id, &body),
            Err(report) => {
                eprintln!("error: {}{}", report.message, report.trace.iter().map(|f| format!("\n  {f}")).collect::<String>());
                api.fail(&event.request_id, &report)
            }
        };
        if let Err(problem) = posted {
            eprintln!("error: {problem}");
        }
    }
}

/// The response body of one event, or why it failed.
fn serve(function: &Function, event: &Event) -> Result<String, ErrorReport> {
    let left = match event.deadline {
        Some(deadline) => deadline.duration_since(SystemTime::now()).unwrap_or_default(),
        None => DEFAULT_TIMEOUT,
    };
    let deadline = Instant::now() + left;
    let path = function.config.path.as_str();
    // Each call (one per record of a batch) gets the time left.
    let mut call = |mut args: Vec<Value>| -> Result<Value, Failure> {
        args.truncate(function.bundle.params().len());
        let timeout = deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1));
        Invocation::of(function.backend.clone(), function.bundle.clone(), function.lifts.clone(), path)
            .timeout(timeout)
            .heap_limit(function.heap_limit)
            .env(function.env.clone())
            .run(&args)
    };
    let result = events::handle(&function.config.trigger, &event.body, &mut call)?;
    Ok(result.to_string())
}
