//! `wingc run` as a user runs it: the process prints its Api URL, serves
//! it, streams logs, stops cleanly on Ctrl-C (services' stop handlers run),
//! and with `--state-dir` keeps state across a `kill -9` and a restart.

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
