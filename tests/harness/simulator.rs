//! Simulator behaviour that a Wing test cannot assert on its own (a failed
//! invocation, a restart, what the trace recorded): each test compiles a
//! small program in memory, starts a simulator for it and checks what
//! happens, in values and messages, never in timings.

use serde_json::json;
use std::path::PathBuf;
use wing_runtime::{App, Outcome, SimOptions, Simulator};
use wingc::driver::{Compiled, compile_sim};

fn app(source: &str) -> App {
    match compile_sim("main.w", source) {
        Compiled::Ok { app, .. } => App::new(app.manifest, &app.bundles).expect("the app loads"),
        Compiled::Failed { sources, diagnostics } => {
            panic!("the program does not compile:\n{}", wingc::diagnostics::render(&diagnostics, &sources))
        }
    }
}

fn start(source: &str, options: SimOptions) -> Simulator {
    Simulator::start(&app(source), options).expect("the simulator starts")
}

fn error_of(sim: &Simulator, path: &str) -> String {
    sim.invoke(path, &json!(null)).expect_err("the invocation fails").message
}

fn state_dir(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wing-sim-state-{}-{label}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

const LIMITS: &str = r#"bring cloud;
bring util;
let spin = new cloud.Function(inflight (e: Json?): Json? => {
  let var i = 0;
  while true { i += 1; }
  return nil;
}, timeout: 50ms) as "spin";
let sleepy = new cloud.Function(inflight (e: Json?): Json? => {
  util.sleep(10s);
  return nil;
}, timeout: 50ms) as "sleepy";
let hungry = new cloud.Function(inflight (e: Json?): Json? => {
  let var s = "0123456789abcdef";
  while true { s = s + s; }
  return nil;
}, memory: 16) as "hungry";
let echo = new cloud.Function(inflight (e: Json?): Json? => {
  return e;
}) as "echo";
"#;

#[test]
fn a_runaway_function_fails_its_invocation_and_the_simulator_keeps_serving() {
    let sim = start(LIMITS, SimOptions::default());
    assert_eq!(error_of(&sim, "root/Default/spin"), "timed out after 50ms");
    assert_eq!(sim.invoke("root/Default/echo", &json!({"n": 1})).unwrap(), json!({"n": 1}));
    assert_eq!(error_of(&sim, "root/Default/sleepy"), "timed out after 50ms");
    assert_eq!(error_of(&sim, "root/Default/spin"), "timed out after 50ms");
    assert_eq!(sim.invoke("root/Default/echo", &json!("again")).unwrap(), json!("again"));
}

#[test]
fn a_function_over_its_memory_fails_and_the_next_invocation_runs() {
    let sim = start(LIMITS, SimOptions::default());
    assert_eq!(error_of(&sim, "root/Default/hungry"), "out of memory: the invocation used more than 16 MB");
    assert_eq!(sim.invoke("root/Default/echo", &json!([1, 2])).unwrap(), json!([1, 2]));
}

#[test]
fn a_function_at_its_concurrency_limit_refuses_more() {
    let source = r#"bring cloud;
bring util;
let running = new cloud.Counter() as "running";
let release = new cloud.Counter() as "release";
let blocker = new cloud.Function(inflight (e: Json?): Json? => {
  running.inc();
  util.waitUntil(inflight () => { return release.peek() == 1; });
  return nil;
}, concurrency: 1) as "blocker";
let probe = new cloud.Function(inflight (e: Json?): Json? => {
  blocker.invokeAsync(nil);
  util.waitUntil(inflight () => { return running.peek() == 1; });
  return blocker.invoke(nil);
}) as "probe";
let free = new cloud.Function(inflight (e: Json?): Json? => {
  release.set(1);
  return nil;
}) as "free";
"#;
    let sim = start(source, SimOptions::default());
    assert_eq!(error_of(&sim, "root/Default/probe"), "Too many requests, the function has reached its concurrency limit.");
    sim.invoke("root/Default/free", &json!(null)).unwrap();
    sim.stop();
}

#[test]
fn state_survives_a_restart_with_a_state_dir() {
    let source = r#"bring cloud;
bring ex;
let bucket = new cloud.Bucket();
let counter = new cloud.Counter(initial: 10);
let queue = new cloud.Queue();
let table = new ex.Table();
let write = new cloud.Function(inflight (e: Json?): Json? => {
  bucket.put("a/b.txt", "hello");
  bucket.putJson("c.json", Json { n: 1 });
  counter.inc(5);
  counter.inc(1, "other");
  queue.push("m1");
  queue.push("m2");
  table.insert("k", Json { name: "x" });
  return nil;
}) as "write";
let read = new cloud.Function(inflight (e: Json?): Json? => {
  return Json {
    keys: bucket.list(),
    body: bucket.get("a/b.txt"),
    count: counter.peek(),
    other: counter.peek("other"),
    size: queue.approxSize(),
    first: queue.pop(),
    row: table.get("k"),
  };
}) as "read";
"#;
    let dir = state_dir("restart");
    let options = SimOptions { state_dir: Some(dir.clone()), ..Default::default() };
    let first = start(source, options.clone());
    first.invoke("root/Default/write", &json!(null)).unwrap();
    // Not stopped: like a process killed, only what is on disk remains.
    std::mem::forget(first);
    let second = start(source, options);
    let seen = second.invoke("root/Default/read", &json!(null)).unwrap();
    assert_eq!(
        seen,
        json!({"keys": ["a/b.txt", "c.json"], "body": "hello", "count": 15, "other": 11, "size": 2, "first": "m1",
               "row": {"name": "x", "id": "k"}})
    );
    second.stop();
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_service_starts_with_the_simulator_and_its_stop_closure_runs_on_stop() {
    let source = r#"bring cloud;
let counter = new cloud.Counter();
let service = new cloud.Service(inflight () => {
  counter.inc();
  log("started");
  return inflight () => {
    log("stopped after {counter.peek()} start(s)");
  };
});
let check = new cloud.Function(inflight (e: Json?): Json? => {
  let before = service.started();
  service.stop();
  let after = service.started();
  service.start();
  return Json { before: before, after: after, again: service.started(), starts: counter.peek() };
}) as "check";
"#;
    let lines = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
    let sink = lines.clone();
    let log_sink: wing_runtime::LogSink = std::sync::Arc::new(move |line| sink.lock().unwrap().push(line.text.clone()));
    let sim = start(source, SimOptions { log_sink: Some(log_sink), ..Default::default() });
    let seen = sim.invoke("root/Default/check", &json!(null)).unwrap();
    assert_eq!(seen, json!({"before": true, "after": false, "again": true, "starts": 2}));
    sim.stop();
    assert_eq!(*lines.lock().unwrap(), ["started", "stopped after 1 start(s)", "started", "stopped after 2 start(s)"]);
}

#[test]
fn every_invocation_is_traced_with_its_outcome_and_logs() {
    let source = r#"bring cloud;
let inner = new cloud.Function(inflight (e: Json?): Json? => {
  log("inner got {e!}");
  throw "no";
}) as "inner";
let outer = new cloud.Function(inflight (e: Json?): Json? => {
  log("outer");
  return inner.invoke(e);
}) as "outer";
"#;
    let sim = start(source, SimOptions { trace: true, ..Default::default() });
    let failure = sim.invoke("root/Default/outer", &json!(7)).unwrap_err();
    assert_eq!(failure.message, "no");
    let traces = sim.traces();
    let summary: Vec<(&str, Outcome, Vec<String>)> =
        traces.iter().map(|t| (t.path.as_str(), t.outcome, t.logs.clone())).collect();
    assert_eq!(
        summary,
        [
            ("root/Default/inner", Outcome::Error, vec!["inner got 7".to_string()]),
            ("root/Default/outer", Outcome::Error, vec!["outer".to_string()]),
        ]
    );
    assert!(traces[1].error.as_deref().unwrap().starts_with("no\n  at main.w:4:3"));
}

#[test]
fn a_failing_on_deploy_stops_the_simulator_from_starting() {
    let source = r#"bring cloud;
new cloud.OnDeploy(inflight () => {
  throw "the database is not there";
});
"#;
    let error = Simulator::start(&app(source), SimOptions::default()).err().expect("the start fails");
    assert_eq!(
        error.to_string(),
        "root/Default/OnDeploy failed: the database is not there\n  at main.w:3:3 (root/Default/OnDeploy)"
    );
}

#[test]
fn secrets_come_from_the_secrets_file() {
    let source = r#"bring cloud;
let key = new cloud.Secret(name: "API_KEY");
let missing = new cloud.Secret(name: "WING_TEST_NOT_SET") as "missing";
let read = new cloud.Function(inflight (e: Json?): Json? => {
  return key.valueJson().get("k");
}) as "read";
let fail = new cloud.Function(inflight (e: Json?): Json? => {
  return missing.value();
}) as "fail";
"#;
    let secrets = wing_runtime::parse_env_file("API_KEY='{\"k\": \"s3cret\"}'\n");
    let sim = start(source, SimOptions { secrets, ..Default::default() });
    assert_eq!(sim.invoke("root/Default/read", &json!(null)).unwrap(), json!("s3cret"));
    assert!(error_of(&sim, "root/Default/fail").starts_with("No value for secret WING_TEST_NOT_SET"));
}
