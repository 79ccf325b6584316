//! The simulator's commands as a user runs them. `wingc run` prints its Api
//! URL, serves it, streams logs, stops cleanly on Ctrl-C (services' stop
//! handlers run), and with `--state-dir` keeps state across a `kill -9`
//! and a restart. `wingc test` filters, times out (a test's timeout also
//! bounds the functions it calls), writes traces and keeps its closing
//! line.

use std::io::{BufRead, BufReader, Read, Write};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::{Receiver, channel};
use std::time::Duration;

/// Long enough for a cold debug build's first start; only a safety net.
const PATIENCE: Duration = Duration::from_secs(60);

const APP: &str = r#"bring cloud;
let runs = new cloud.Counter() as "runs";
let marks = new cloud.Bucket() as "marks";
new cloud.OnDeploy(inflight () => {
  let n = runs.inc() + 1;
  marks.put("run-{n}", "x");
  log("runs={n} objects={marks.list().length}");
});
let api = new cloud.Api() as "api";
api.get("/hello", inflight (req: cloud.ApiRequest): cloud.ApiResponse => {
  log("hello requested");
  return { body: "hello from run" };
});
new cloud.Service(inflight () => {
  return inflight () => { log("service stopping"); };
});
"#;

struct Running {
    child: Child,
    lines: Receiver<String>,
}

impl Running {
    fn start(dir: &Path, state: &Path) -> Running {
        let mut child = Command::new(env!("CARGO_BIN_EXE_wingc"))
            .arg("run")
            .arg(dir.join("main.w"))
            .arg("--state-dir")
            .arg(state)
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("wingc starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, lines) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        Running { child, lines }
    }

    /// Lines up to and including the first that contains `text`.
    fn until(&self, text: &str) -> Vec<String> {
        let mut seen = Vec::new();
        loop {
            match self.lines.recv_timeout(PATIENCE) {
                Ok(line) => {
                    let found = line.contains(text);
                    seen.push(line);
                    if found {
                        return seen;
                    }
                }
                Err(_) => panic!("`{text}` never came; output so far:\n{}", seen.join("\n")),
            }
        }
    }
}

fn scratch(label: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("wingc-run-{}-{label}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("main.w"), APP).expect("write main.w");
    dir
}

/// A plain HTTP/1.1 GET; gives the response body.
fn get(url: &str) -> String {
    let rest = url.strip_prefix("http://").expect("an http url");
    let (host, path) = rest.split_once('/').map_or((rest, "/".to_string()), |(h, p)| (h, format!("/{p}")));
    let mut stream = std::net::TcpStream::connect(host).expect("connect to the Api");
    write!(stream, "GET {path} HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n").expect("send");
    let mut response = String::new();
    stream.read_to_string(&mut response).expect("read");
    response.split_once("\r\n\r\n").map(|(_, body)| body.to_string()).unwrap_or_default()
}

#[test]
fn run_serves_streams_logs_survives_kill_and_stops_on_ctrl_c() {
    let dir = scratch("restart");
    let state = dir.join("state");

    let first = Running::start(&dir, &state);
    let lines = first.until("The simulator is running");
    assert!(lines.iter().any(|l| l == "[root/Default/OnDeploy] runs=1 objects=1"), "{lines:#?}");
    let url = lines.iter().find_map(|l| l.strip_prefix("cloud.Api root/Default/api: ")).expect("the Api URL is printed");
    assert_eq!(get(&format!("{url}/hello")), "hello from run");
    first.until("[root/Default/api/OnRequest0] hello requested");
    let mut first = first;
    first.child.kill().expect("kill -9");
    first.child.wait().expect("the process ends");

    let second = Running::start(&dir, &state);
    let lines = second.until("The simulator is running");
    assert!(lines.iter().any(|l| l == "[root/Default/OnDeploy] runs=2 objects=2"), "{lines:#?}");
    let pid = second.child.id().to_string();
    let interrupted = Command::new("kill").args(["-INT", &pid]).status().expect("send Ctrl-C");
    assert!(interrupted.success());
    let lines = second.until("Stopped.");
    assert!(lines.iter().any(|l| l == "[root/Default/Service] service stopping"), "{lines:#?}");
    let mut second = second;
    let status = second.child.wait().expect("the process ends");
    assert_eq!(status.code(), Some(0));
    let _ = std::fs::remove_dir_all(dir);
}

const TESTS: &str = r#"bring cloud;
bring util;
let greet = new cloud.Function(inflight (name: Json?): Json? => {
  log("greeting {name!.asStr()}");
  return "hello {name!.asStr()}";
}) as "greet";
test "greets" {
  assert(greet.invoke("ann") == "hello ann");
}
test "fails" {
  assert(greet.invoke("bob") == "hi bob");
}
test "hangs" {
  util.sleep(1h);
}
let spin = new cloud.Function(inflight (e: Json?): Json? => {
  while true { }
  return nil;
}, timeout: 1h) as "spin";
test "hangs in a function" {
  spin.invoke(nil);
}
"#;

fn wingc_test(dir: &Path, args: &[&str]) -> (i32, String) {
    let output =
        Command::new(env!("CARGO_BIN_EXE_wingc")).arg("test").arg(dir.join("tests.w")).args(args).output().expect("wingc runs");
    (output.status.code().unwrap_or(-1), String::from_utf8_lossy(&output.stdout).into_owned())
}

#[test]
fn test_filters_times_out_and_writes_traces() {
    let dir = scratch("test-flags");
    std::fs::write(dir.join("tests.w"), TESTS).expect("write tests.w");
    let trace = dir.join("out.json");
    let trace_arg = trace.to_string_lossy().into_owned();
    let (code, stdout) = wingc_test(&dir, &["--filter", "greets", "--trace", &trace_arg, "-j", "1"]);
    assert_eq!(code, 0, "{stdout}");
    assert_eq!(stdout.lines().last(), Some("1 passed, 0 failed"));
    let written: serde_json::Value = serde_json::from_str(&std::fs::read_to_string(&trace).expect("the trace file")).unwrap();
    let test = &written["tests"][0];
    assert_eq!(test["name"], "greets");
    let paths: Vec<&str> = test["traces"].as_array().unwrap().iter().map(|t| t["path"].as_str().unwrap()).collect();
    assert_eq!(paths, ["root/Default/greet", "root/Default/test:greets"]);
    assert_eq!(test["traces"][0]["logs"][0], "greeting ann");
    assert_eq!(test["traces"][0]["outcome"], "ok");

    let (code, stdout) = wingc_test(&dir, &["--timeout", "200ms"]);
    assert_eq!(code, 1);
    assert!(stdout.contains("fail ─ tests.w » hangs"), "{stdout}");
    assert!(stdout.contains("    timed out after 200ms"), "{stdout}");
    assert!(stdout.contains("fail ─ tests.w » fails"), "{stdout}");
    assert!(stdout.contains("fail ─ tests.w » hangs in a function"), "{stdout}");
    assert_eq!(stdout.lines().last(), Some("1 passed, 3 failed"));
    let _ = std::fs::remove_dir_all(dir);
}
