//! Benchmark (not a test) of the Lambda runtime against the tests' Runtime
//! API harness: cold start (the `bootstrap` process started to its first
//! event answered, bundle precompiled as `wingc` packs it, and compiled
//! from `bundle.wasm` when it is not) and warm invocation latency (an
//! event handed out to its response posted, no AWS call).
//!
//! `cargo run --release -p wing-lambda --example lambda_latency`

#[path = "../tests/harness/mod.rs"]
mod harness;

use harness::{Posted, RuntimeApi};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};
use wingc::driver::{Compiled, Input, compile_tf_aws};
use wingc::targets::tf_aws::Packing;

const APP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/app/main.w");
const FUNCTION: &str = "greet";
const COLD_STARTS: usize = 20;
const WARM_INVOCATIONS: usize = 2_000;

fn main() {
    let bootstrap =
        std::env::current_exe().expect("this example").parent().and_then(Path::parent).map(|dir| dir.join("bootstrap"));
    let bootstrap = bootstrap.filter(|path| path.is_file()).expect("build bootstrap first: cargo build --release -p wing-lambda");
    let task = unpacked_function();
    let env = function_env(&task);

    let cold = |task: &Path| median((0..COLD_STARTS).map(|_| cold_start(&bootstrap, task, &env)).collect());
    println!("cold start, bundle.cwasm:   {:>8.2} ms", cold(&task).as_secs_f64() * 1e3);
    let compiled = task.with_file_name("compiled");
    copy_without_precompiled(&task, &compiled);
    println!("cold start, bundle.wasm:    {:>8.2} ms", cold(&compiled).as_secs_f64() * 1e3);

    let mut api = RuntimeApi::start();
    let mut process = spawn(&bootstrap, &task, &env, &api.address);
    let mut times = Vec::with_capacity(WARM_INVOCATIONS);
    for i in 0..WARM_INVOCATIONS {
        let event = format!("{{\"name\": \"n{i}\"}}");
        let start = Instant::now();
        assert!(matches!(api.invoke(&event), Posted::Response { .. }), "the function answers");
        times.push(start.elapsed());
    }
    let _ = process.kill();
    let _ = process.wait();
    times.sort();
    let at = |q: f64| times[((times.len() - 1) as f64 * q) as usize].as_secs_f64() * 1e6;
    println!("warm invocation (harness round trip): p50 {:>7.1} µs   p99 {:>7.1} µs", at(0.5), at(0.99));
}

/// The function compiled and packed as `wingc compile -t tf-aws` packs it,
/// unpacked as Lambda unpacks it.
fn unpacked_function() -> PathBuf {
    let text = std::fs::read_to_string(APP).expect("read the app");
    let precompile = |wasm: &[u8]| wing_runtime::precompile(wasm).map_err(|e| e.0);
    let packing = Packing { precompile: Some(&precompile), runtime: None };
    let Compiled::Ok { app, .. } =
        compile_tf_aws(Input { name: "main.w", text: &text, dir: Path::new(APP).parent(), out_dir: None }, packing)
    else {
        panic!("the app does not compile")
    };
    let dir = std::env::temp_dir().join(format!("wing-lambda-latency-{}", std::process::id()));
    wingc::targets::tf_aws::write(&app, &dir).expect("write the target folder");
    let zip = std::fs::read(dir.join(format!("assets/{FUNCTION}.zip"))).expect("the function's zip");
    let task = dir.join("task");
    zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip").extract(&task).expect("unpack");
    task
}

/// The function's environment from its Terraform (`main.tf.json` beside
/// `assets/`).
fn function_env(task: &Path) -> Vec<(String, String)> {
    let text = std::fs::read_to_string(task.with_file_name("main.tf.json")).expect("main.tf.json");
    let terraform: serde_json::Value = serde_json::from_str(&text).expect("Terraform JSON");
    let variables = &terraform["resource"]["aws_lambda_function"][FUNCTION]["environment"][0]["variables"];
    let variables = variables.as_object().expect("the function's environment");
    variables.iter().map(|(key, value)| (key.clone(), value.as_str().unwrap_or_default().to_string())).collect()
}

fn copy_without_precompiled(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).expect("create the folder");
    for entry in std::fs::read_dir(from).expect("the task").flatten() {
        if entry.file_name() != "bundle.cwasm" {
            std::fs::copy(entry.path(), to.join(entry.file_name())).expect("copy");
        }
    }
}

fn spawn(bootstrap: &Path, task: &Path, env: &[(String, String)], api: &str) -> std::process::Child {
    Command::new(bootstrap)
        .env_clear()
        .envs(env.iter().cloned())
        .env("AWS_LAMBDA_RUNTIME_API", api)
        .env("LAMBDA_TASK_ROOT", task)
        .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("start bootstrap")
}

/// A fresh process started, its first event answered.
fn cold_start(bootstrap: &Path, task: &Path, env: &[(String, String)]) -> Duration {
    let mut api = RuntimeApi::start();
    let start = Instant::now();
    let mut process = spawn(bootstrap, task, env, &api.address);
    assert!(matches!(api.invoke("{\"name\": \"cold\"}"), Posted::Response { .. }), "the function answers");
    let elapsed = start.elapsed();
    let _ = process.kill();
    let _ = process.wait();
    elapsed
}

fn median(mut times: Vec<Duration>) -> Duration {
    times.sort();
    times[times.len() / 2]
}
