//! `cargo run --release -p wing-tests --bin bench`: the figures we track.
//!
//! * compile: source text → checked → preflight → Wasm bundles, for a
//!   generated program of about 5,000 lines (this issue's language subset),
//!   for `../shared/bench/gen-lines.sh 490` (about 20,000 lines) and for
//!   `../shared/bench/gen-resources.sh 50` (100 resources), and that one
//!   to Terraform with its 50 function zips (`-t tf-aws`, written to disk);
//! * simulator start: loading that 100-resource app and starting a
//!   simulator for it;
//! * invocation: one `cloud.Function` invocation end to end;
//! * queue throughput: messages per second through push → consumer →
//!   bucket;
//! * `wingc test` for 50 tests: compile, load, run every test (each in a
//!   fresh simulator) — what the command does, without process start.
//!
//! * HTTP (`bench http`, not in the default run): requests per second and
//!   p50/p99 latency of a `cloud.Api` route answered by a handler, with
//!   1, 16 and 64 keep-alive connections (a Rust load client, one thread
//!   per connection).
//!
//! Prints one line per figure (median of several runs); `bench queue`,
//! `bench load` and `bench http` measure one figure (for profiling). Not a
//! test: no timing is asserted anywhere.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};
use wingc::driver::{Compiled, Input, compile_sim, compile_tf_aws};
use wingc::targets::tf_aws::Packing;

fn main() {
    if std::env::args().nth(1).as_deref() == Some("queue") {
        println!("queue    push → consumer → bucket:  {:>9.0} msg/s", queue_throughput(20_000).as_secs_f64());
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("load") {
        let dir = write_app(&resources_program(50), "load");
        let load = median(21, || time(|| wing_runtime::App::load(&dir).expect("app loads")));
        println!("sim load 100-resource app:  {:>9.2} ms", ms(load));
        return;
    }
    if std::env::args().nth(1).as_deref() == Some("http") {
        http_load();
        return;
    }
    let subset = subset_program(120);
    let lines = subset.lines().count();
    let compile = median(7, || time(|| expect_compiled(&subset)));
    println!(
        "compile  {lines} lines (subset generator, 120 blocks): {:>9.2} ms  ({:.0} lines/s)",
        ms(compile),
        lines as f64 / compile.as_secs_f64()
    );

    if let Some(lines_program) = shared_workload("gen-lines.sh", 490) {
        let lines = lines_program.lines().count();
        let compile = median(5, || time(|| expect_compiled(&lines_program)));
        println!(
            "compile  {lines} lines (gen-lines 490):              {:>9.2} ms  ({:.0} lines/s)",
            ms(compile),
            lines as f64 / compile.as_secs_f64()
        );
    }

    let resources = shared_workload("gen-resources.sh", 50).unwrap_or_else(|| resources_program(50));
    let compile = median(7, || time(|| expect_compiled(&resources)));
    println!("compile  gen-resources 50 (100 resources):        {:>9.2} ms", ms(compile));
    let terraform_dir = std::env::temp_dir().join(format!("wing-bench-{}-tfaws", std::process::id()));
    let tf_aws = median(7, || {
        time(|| match compile_tf_aws(Input { name: "main.w", text: &resources, dir: None, out_dir: None }, Packing::default()) {
            Compiled::Ok { app, .. } => wingc::targets::tf_aws::write(&app, &terraform_dir).expect("write the Terraform"),
            Compiled::Failed { .. } => panic!("gen-resources does not compile for tf-aws"),
        })
    });
    println!("compile  gen-resources 50 -t tf-aws (+ write):    {:>9.2} ms", ms(tf_aws));

    let dir = write_app(&resources, "resources");
    let load = median(5, || time(|| wing_runtime::App::load(&dir).expect("app loads")));
    println!("sim load 100-resource app (compile bundles):      {:>9.2} ms", ms(load));
    let app = wing_runtime::App::load(&dir).expect("app loads");
    let start = median(21, || {
        let began = Instant::now();
        let sim = wing_runtime::Simulator::start(&app, Default::default()).expect("simulator starts");
        let elapsed = began.elapsed();
        sim.stop();
        elapsed
    });
    println!("sim start 100-resource app:                       {:>9.3} ms", ms(start));

    let function_app = write_app(FUNCTION_PROGRAM, "function");
    let app = wing_runtime::App::load(&function_app).expect("app loads");
    let sim = wing_runtime::Simulator::start(&app, Default::default()).expect("simulator starts");
    let payload = serde_json::json!("ping");
    for _ in 0..1_000 {
        sim.invoke("root/Default/echo", &payload).expect("warm-up invocation");
    }
    let rounds = 20_000;
    let per_call = median(5, || {
        let began = Instant::now();
        for _ in 0..rounds {
            sim.invoke("root/Default/echo", &payload).expect("invocation");
        }
        began.elapsed() / rounds
    });
    sim.stop();
    println!("invoke   cloud.Function (Json in, Json out):      {:>9.2} µs", per_call.as_secs_f64() * 1e6);

    let messages = 20_000;
    let rate = median(3, || queue_throughput(messages));
    println!("queue    push → consumer → bucket ({messages} msgs):  {:>9.0} msg/s", rate.as_secs_f64());

    let tests = tests_program(50);
    let wall = median(5, || {
        time(|| {
            let compiled = expect_compiled(&tests);
            let app = wing_runtime::App::new(compiled.manifest, &compiled.bundles).expect("app loads");
            let results = app.run_tests(&wing_runtime::TestOptions::default());
            assert!(results.iter().all(|r| r.passed), "a benchmark test failed");
        })
    });
    println!("test     50 tests (compile + load + run):         {:>9.2} ms", ms(wall));
}

const API_PROGRAM: &str = r#"bring cloud;
let api = new cloud.Api() as "api";
api.get("/hello", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  return { status: 200, body: "hello" };
});
"#;

/// Requests per second and latency percentiles of an Api route, for 1,
/// 16 and 64 keep-alive connections, each loaded for a few seconds.
fn http_load() {
    let dir = write_app(API_PROGRAM, "http");
    let app = wing_runtime::App::load(&dir).expect("app loads");
    let sim = wing_runtime::Simulator::start(&app, Default::default()).expect("simulator starts");
    let (_, _, url) = sim.endpoints().into_iter().next().expect("the Api has a URL");
    let address = url.strip_prefix("http://").expect("an http URL").to_string();
    load(&address, 4, Duration::from_millis(500));
    for connections in [1, 16, 64] {
        let mut latencies = load(&address, connections, Duration::from_secs(4));
        latencies.sort();
        let percentile = |p: usize| latencies[(latencies.len() * p / 100).min(latencies.len() - 1)];
        println!(
            "http     GET /hello, {connections:>2} connections:  {:>9.0} req/s  p50 {:>7.1} µs  p99 {:>7.1} µs",
            latencies.len() as f64 / 4.0,
            percentile(50).as_secs_f64() * 1e6,
            percentile(99).as_secs_f64() * 1e6,
        );
    }
    sim.stop();
}

/// Sends requests on `connections` keep-alive connections for `span`;
/// gives the latency of every request answered 200.
fn load(address: &str, connections: usize, span: Duration) -> Vec<Duration> {
    let until = Instant::now() + span;
    let threads: Vec<_> = (0..connections)
        .map(|_| {
            let address = address.to_string();
            std::thread::spawn(move || client(&address, until))
        })
        .collect();
    threads.into_iter().flat_map(|t| t.join().expect("a load client")).collect()
}

/// One keep-alive connection sending `GET /hello` until `until`.
fn client(address: &str, until: Instant) -> Vec<Duration> {
    use std::io::{BufRead, Read, Write};
    let stream = std::net::TcpStream::connect(address).expect("connect");
    stream.set_nodelay(true).expect("nodelay");
    let mut writer = stream.try_clone().expect("clone the stream");
    let mut reader = std::io::BufReader::new(stream);
    let request = format!("GET /hello HTTP/1.1\r\nHost: {address}\r\n\r\n");
    let mut latencies = Vec::new();
    let mut line = String::new();
    while Instant::now() < until {
        let began = Instant::now();
        writer.write_all(request.as_bytes()).expect("send");
        let (mut status, mut length) = (0, 0);
        loop {
            line.clear();
            reader.read_line(&mut line).expect("read a header");
            let trimmed = line.trim_end();
            if trimmed.is_empty() {
                break;
            }
            if let Some(code) = trimmed.strip_prefix("HTTP/1.1 ") {
                status = code.get(..3).and_then(|c| c.parse().ok()).unwrap_or(0);
            } else if let Some((name, value)) = trimmed.split_once(':')
                && name.eq_ignore_ascii_case("content-length")
            {
                length = value.trim().parse().expect("a content length");
            }
        }
        let mut body = vec![0; length];
        reader.read_exact(&mut body).expect("read the body");
        assert_eq!(status, 200, "the Api answered {status}");
        latencies.push(began.elapsed());
    }
    latencies
}

const QUEUE_PROGRAM: &str = r#"bring cloud;
let inbox = new cloud.Queue() as "inbox";
let store = new cloud.Bucket() as "store";
let done = new cloud.Counter() as "done";
inbox.setConsumer(inflight (m: str) => {
  store.put("m/{m}", m);
  done.inc();
});
let push = new cloud.Function(inflight (n: Json?): Json? => {
  for i in 0..n!.asNum() {
    inbox.push("{i}");
  }
  return nil;
}, timeout: 5m) as "push";
let count = new cloud.Function(inflight (e: Json?): Json? => {
  return done.peek();
}) as "count";
"#;

/// Messages per second (as a "duration" whose seconds are the rate, for
/// `median`) for `n` messages pushed by one function and each stored by
/// the consumer.
fn queue_throughput(n: usize) -> Duration {
    let dir = write_app(QUEUE_PROGRAM, "queue");
    let app = wing_runtime::App::load(&dir).expect("app loads");
    let sim = wing_runtime::Simulator::start(&app, Default::default()).expect("simulator starts");
    let began = Instant::now();
    sim.invoke("root/Default/push", &serde_json::json!(n)).expect("push");
    while sim.invoke("root/Default/count", &serde_json::json!(null)).expect("count") != serde_json::json!(n) {
        std::thread::sleep(Duration::from_millis(1));
    }
    let elapsed = began.elapsed();
    sim.stop();
    Duration::from_secs_f64(n as f64 / elapsed.as_secs_f64())
}

/// `n` tests of the kinds a project has: a bucket round trip, a queue
/// feeding a bucket, a counter, a function call.
fn tests_program(n: usize) -> String {
    let mut out = String::from(
        r#"bring cloud;
bring util;
bring expect;
let store = new cloud.Bucket() as "store";
let inbox = new cloud.Queue() as "inbox";
let hits = new cloud.Counter() as "hits";
let greet = new cloud.Function(inflight (name: Json?): Json? => {
  return "hello {name!.asStr()}";
}) as "greet";
inbox.setConsumer(inflight (m: str) => {
  store.put("in/{m}", m);
});
"#,
    );
    for i in 0..n {
        out += &match i % 4 {
            0 => format!(
                "test \"bucket {i}\" {{\n  store.put(\"k{i}\", \"v\");\n  expect.equal(store.get(\"k{i}\"), \"v\");\n}}\n"
            ),
            1 => format!(
                "test \"queue {i}\" {{\n  inbox.push(\"m{i}\");\n  util.waitUntil(inflight () => {{ return store.exists(\"in/m{i}\"); }});\n}}\n"
            ),
            2 => format!("test \"counter {i}\" {{\n  hits.inc();\n  expect.equal(hits.peek(), 1);\n}}\n"),
            _ => format!("test \"function {i}\" {{\n  expect.equal(greet.invoke(\"n{i}\"), \"hello n{i}\");\n}}\n"),
        };
    }
    out
}

const FUNCTION_PROGRAM: &str = r#"bring cloud;
let echo = new cloud.Function(inflight (event: Json?): Json? => {
  return event;
}) as "echo";
"#;

fn expect_compiled(text: &str) -> wingc::targets::sim::SimApp {
    match compile_sim("main.w", text) {
        Compiled::Ok { app, .. } => app,
        Compiled::Failed { sources, diagnostics } => {
            panic!("benchmark program does not compile:\n{}", wingc::diagnostics::render(&diagnostics, &sources))
        }
    }
}

fn write_app(text: &str, label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wing-bench-{}-{label}", std::process::id()));
    let app = expect_compiled(text);
    wingc::targets::sim::write(&app, &dir).expect("write app");
    dir
}

/// The workload from `../shared/bench/NAME N`, when that folder is there.
fn shared_workload(name: &str, n: usize) -> Option<String> {
    let script = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../shared/bench").join(name);
    let output = std::process::Command::new("bash").arg(script).arg(n.to_string()).output().ok()?;
    output.status.success().then(|| String::from_utf8_lossy(&output.stdout).into_owned())
}

/// The same shape as `gen-resources.sh N`, for machines without `shared/`.
fn resources_program(n: usize) -> String {
    let mut out = String::from("bring cloud;\nbring util;\n");
    for i in 0..n {
        out += &format!("let b{i} = new cloud.Bucket() as \"b{i}\";\nlet q{i} = new cloud.Queue() as \"q{i}\";\n");
        out += &format!("q{i}.setConsumer(inflight (m: str) => {{ b{i}.put(\"k.txt\", \"v{i} {{m}}\"); }});\n");
    }
    out += "test \"every queue reaches its bucket\" {\n";
    for i in 0..n {
        out += &format!("  q{i}.push(\"x\");\n");
    }
    for i in 0..n {
        out += &format!(
            "  util.waitUntil(inflight () => {{ return b{i}.exists(\"k.txt\"); }});\n  assert(b{i}.get(\"k.txt\") == \"v{i} x\");\n"
        );
    }
    out + "}\n"
}

/// About 41 lines per block of ordinary code in this issue's subset:
/// resources, a consumer, closures, loops, strings, maps, Json, a test.
fn subset_program(blocks: usize) -> String {
    let mut out = String::from("bring cloud;\nbring util;\nbring expect;\n");
    for i in 0..blocks {
        out += &format!(
            r#"let store{i} = new cloud.Bucket() as "store{i}";
let inbox{i} = new cloud.Queue() as "inbox{i}";
let prefix{i} = "block{i}";
let limits{i} = {{"small" => 1, "large" => {i}}};
let tags{i} = ["a", "b", "c"];

inbox{i}.setConsumer(inflight (message: str) => {{
  let parts = message.split(":");
  let key = "{{prefix{i}}}/{{parts.at(0)}}";
  if parts.length > 1 {{
    store{i}.put(key, parts.at(1));
  }} else {{
    store{i}.put(key, "empty");
  }}
}});

test "block {i}" {{
  let var total = 0;
  for k in 0..3 {{
    let name = "item{{k}}";
    inbox{i}.push("{{name}}:{{k + {i}}}");
    total += k;
  }}
  let render = (n: num): str => {{
    return "n={{n}}";
  }};
  expect.equal(render(total), "n=3");
  let payload = Json {{ block: {i}, tags: tags{i} }};
  expect.equal(payload.get("block").asNum(), {i});
  for tag in tags{i} {{
    assert(tag.length == 1);
  }}
  util.waitUntil(inflight () => {{
    return store{i}.list(prefix{i}).length == 3;
  }});
  expect.equal(store{i}.get("{{prefix{i}}}/item2"), "{{2 + {i}}}");
  expect.equal(limits{i}.get("large"), {i});
}}

"#
        );
    }
    out
}

fn time<T>(f: impl FnOnce() -> T) -> Duration {
    let began = Instant::now();
    std::hint::black_box(f());
    began.elapsed()
}

fn median(runs: usize, mut f: impl FnMut() -> Duration) -> Duration {
    let mut samples: Vec<Duration> = (0..runs).map(|_| f()).collect();
    samples.sort();
    samples[runs / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}
