//! `wingc run` under abuse, one test per way a client or a handler can
//! misbehave: slow clients hold up nobody, oversized or malformed requests
//! get API Gateway's status codes, idle and slow connections are closed,
//! runaway handlers time out on time while others are served, requests
//! beyond a function's concurrency wait their turn, what an invocation
//! holds counts against its memory and comes back after it, and Ctrl-C
//! stops a running handler at once. Each test starts its own `wingc run` on a free port of 127.0.0.1
//! and stops it. Bounds on time are generous: they tell "answered while
//! the others wait" from "answered after", not how fast the machine is.

use std::io::{BufRead, BufReader, Read, Write};
use std::net::TcpStream;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc::channel;
use std::time::{Duration, Instant};

/// Long enough for a cold debug build's first start; only a safety net.
const PATIENCE: Duration = Duration::from_secs(60);

const APP: &str = r#"bring cloud;
bring util;
let api = new cloud.Api() as "api";
api.get("/hello", inflight (req) => {
  return { body: "hello" };
});
api.post("/echo", inflight (req) => {
  return { body: "{(req.body ?? "").length}" };
});
api.get("/loop", inflight (req) => {
  let var n = 0;
  while true { n += 1; }
  return { body: "{n}" };
}, timeout: 2s);
api.get("/quick-until-asked", inflight (req) => {
  let var n = 0;
  if req.query.has("loop") {
    while true { n += 1; }
  }
  return { body: "{n}" };
}, timeout: 2s);
api.get("/forever", inflight (req) => {
  let var n = 0;
  while true { n += 1; }
  return { body: "{n}" };
});
api.get("/one-at-a-time", inflight (req) => {
  util.sleep(200ms);
  return { body: "done" };
}, concurrency: 1);
api.get("/hog", inflight (req) => {
  let items = MutArray<str>[];
  let var i = 0;
  while true {
    items.push("item number {i} of a list that never ends");
    i += 1;
  }
  return { body: "{items.length}" };
}, memory: 128);
"#;

/// A `wingc run` of [`APP`], stopped (killed) when dropped.
struct Server {
    child: Child,
    /// `127.0.0.1:port` of the Api.
    addr: String,
}

impl Server {
    fn start(label: &str) -> Server {
        Server::start_app(label, APP)
    }

    fn start_app(label: &str, app: &str) -> Server {
        let dir = std::env::temp_dir().join(format!("wingc-abuse-{}-{label}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(&dir).expect("scratch dir");
        std::fs::write(dir.join("main.w"), app).expect("write main.w");
        let mut child = Command::new(env!("CARGO_BIN_EXE_wingc"))
            .arg("run")
            .arg(dir.join("main.w"))
            .stdout(Stdio::piped())
            .stderr(Stdio::inherit())
            .spawn()
            .expect("wingc starts");
        let stdout = child.stdout.take().expect("stdout is piped");
        let (tx, rx) = channel();
        std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines().map_while(Result::ok) {
                let _ = tx.send(line);
            }
        });
        let mut addr = None;
        loop {
            let line = rx.recv_timeout(PATIENCE).expect("wingc run prints that it runs");
            if let Some(url) = line.strip_prefix("cloud.Api root/Default/api: http://") {
                addr = Some(url.to_string());
            }
            if line.contains("The simulator is running") {
                break;
            }
        }
        Server { child, addr: addr.expect("the Api URL is printed") }
    }

    /// A line of `/proc/PID/status` in kB (`VmRSS`: now, `VmHWM`: the peak).
    fn memory_kb(&self, field: &str) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).expect("the process status");
        let line = status.lines().find(|l| l.starts_with(field)).expect("the field is in the status");
        line.split_whitespace().nth(1).and_then(|kb| kb.parse().ok()).expect("a size in kB")
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// What came back for one request.
struct Answer {
    /// `None`: the connection closed without a status line.
    status: Option<u16>,
    body: String,
    took: Duration,
}

/// Sends `request` (on its own thread, so a server that answers before
/// it has all of it is seen) and reads until the server closes.
fn send(addr: &str, request: Vec<u8>) -> Answer {
    let started = Instant::now();
    let mut stream = TcpStream::connect(addr).expect("connect to the Api");
    stream.set_read_timeout(Some(PATIENCE)).expect("read timeout");
    let mut writer = stream.try_clone().expect("a second handle");
    let writing = std::thread::spawn(move || {
        // A server refusing the request may close before all of it is sent.
        let _ = writer.write_all(&request);
    });
    let mut received = Vec::new();
    let mut buffer = [0u8; 16 * 1024];
    while let Ok(n @ 1..) = stream.read(&mut buffer) {
        received.extend_from_slice(&buffer[..n]);
    }
    let took = started.elapsed();
    drop(stream);
    let _ = writing.join();
    let text = String::from_utf8_lossy(&received).into_owned();
    let status = text.strip_prefix("HTTP/1.1 ").and_then(|rest| rest.get(..3)?.parse().ok());
    let body = text.split_once("\r\n\r\n").map(|(_, body)| body.to_string()).unwrap_or_default();
    Answer { status, body, took }
}

fn get(addr: &str, path: &str) -> Answer {
    send(addr, format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\nConnection: close\r\n\r\n").into_bytes())
}

#[test]
fn slow_clients_hold_up_no_other_request() {
    let server = Server::start("slow");
    let stop = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let trickles: Vec<_> = (0..16)
        .map(|_| {
            let (addr, stop) = (server.addr.clone(), stop.clone());
            std::thread::spawn(move || {
                let mut stream = TcpStream::connect(&addr).expect("connect");
                let head = format!("POST /echo HTTP/1.1\r\nHost: {addr}\r\nContent-Length: 1000\r\n\r\n");
                stream.write_all(head.as_bytes()).expect("send the head");
                for _ in 0..100 {
                    if stop.load(std::sync::atomic::Ordering::Acquire) || stream.write_all(b"x").is_err() {
                        break;
                    }
                    std::thread::sleep(Duration::from_millis(100));
                }
            })
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    for _ in 0..5 {
        let probe = get(&server.addr, "/hello");
        assert_eq!(probe.status, Some(200));
        assert_eq!(probe.body, "hello");
        assert!(probe.took < Duration::from_secs(3), "a probe waited {:?} behind slow clients", probe.took);
    }
    stop.store(true, std::sync::atomic::Ordering::Release);
    for trickle in trickles {
        trickle.join().expect("a slow client ends");
    }
}

#[test]
fn a_request_head_over_10_kb_gets_431() {
    let server = Server::start("head");
    let with_header = |size: usize| {
        let mut request = b"GET /hello HTTP/1.1\r\nHost: x\r\nConnection: close\r\nX-Big: ".to_vec();
        request.extend(std::iter::repeat_n(b'a', size));
        request.extend_from_slice(b"\r\n\r\n");
        send(&server.addr, request)
    };
    assert_eq!(with_header(8 << 20).status, Some(431));
    assert_eq!(with_header(11 * 1024).status, Some(431));
    let within = with_header(8 * 1024);
    assert_eq!(within.status, Some(200));
    assert_eq!(within.body, "hello");
}

#[test]
fn a_body_over_10_mb_gets_413_and_a_body_under_it_arrives_whole() {
    let server = Server::start("body");
    let post = |size: usize| {
        let mut request =
            format!("POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nContent-Length: {size}\r\n\r\n").into_bytes();
        request.extend(std::iter::repeat_n(b'b', size));
        send(&server.addr, request)
    };
    assert_eq!(post(20 << 20).status, Some(413));
    let whole = post(9 << 20);
    assert_eq!(whole.status, Some(200));
    assert_eq!(whole.body, (9 << 20).to_string());
    // Without a length (chunked), the limit holds as the body comes in.
    let mut chunked = b"POST /echo HTTP/1.1\r\nHost: x\r\nConnection: close\r\nTransfer-Encoding: chunked\r\n\r\n".to_vec();
    for _ in 0..20 {
        chunked.extend_from_slice(format!("{:x}\r\n", 1 << 20).as_bytes());
        chunked.extend(std::iter::repeat_n(b'c', 1 << 20));
        chunked.extend_from_slice(b"\r\n");
    }
    chunked.extend_from_slice(b"0\r\n\r\n");
    assert_eq!(send(&server.addr, chunked).status, Some(413));
}

#[test]
fn malformed_requests_get_400_and_bare_line_feeds_are_understood() {
    let server = Server::start("malformed");
    let raw = |request: &[u8]| send(&server.addr, request.to_vec());
    assert_eq!(raw(b"GET /caf\xc3\xa9 HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n").status, Some(400));
    assert_eq!(raw(b"GET /hello HTTP/1.1\r\nHost: x\r\nX-Name: \xff\xfe\r\nConnection: close\r\n\r\n").status, Some(400));
    assert_eq!(raw(b"GET /hello HTTP/1.1\r\nHost: x\r\nX-Na\xffme: 1\r\nConnection: close\r\n\r\n").status, Some(400));
    let http2 = raw(b"GET /hello HTTP/2.0\r\nHost: x\r\n\r\n");
    assert!(matches!(http2.status, Some(400 | 505)), "HTTP/2.0 request line: {:?}", http2.status);
    let bare = raw(b"GET /hello HTTP/1.1\nHost: x\nConnection: close\n\n");
    assert_eq!((bare.status, bare.body.as_str()), (Some(200), "hello"));
}

#[test]
fn idle_and_slow_connections_are_closed() {
    let server = Server::start("idle");
    let slow_head = {
        let addr = server.addr.clone();
        std::thread::spawn(move || {
            let started = Instant::now();
            let mut stream = TcpStream::connect(&addr).expect("connect");
            stream.write_all(b"GET /hello HTTP/1.1\r\n").expect("send the request line");
            for i in 0..60 {
                if stream.write_all(format!("X-Slow-{i}: 1\r\n").as_bytes()).is_err() {
                    break;
                }
                std::thread::sleep(Duration::from_millis(500));
            }
            stream.set_read_timeout(Some(PATIENCE)).expect("read timeout");
            let _ = stream.read(&mut [0u8; 256]);
            started.elapsed()
        })
    };
    let mut idle = TcpStream::connect(&server.addr).expect("connect");
    idle.set_read_timeout(Some(PATIENCE)).expect("read timeout");
    idle.write_all(format!("GET /hello HTTP/1.1\r\nHost: {}\r\n\r\n", server.addr).as_bytes()).expect("send");
    let mut answer = [0u8; 1024];
    let n = idle.read(&mut answer).expect("an answer");
    assert!(answer[..n].starts_with(b"HTTP/1.1 200"), "{}", String::from_utf8_lossy(&answer[..n]));
    let idle_since = Instant::now();
    let closed = idle.read(&mut answer).expect("the server closes the idle connection");
    assert_eq!(closed, 0);
    let idle_for = idle_since.elapsed();
    assert!(idle_for < Duration::from_secs(15), "an idle keep-alive connection stayed open {idle_for:?}");
    let slow_for = slow_head.join().expect("the slow client ends");
    assert!(slow_for < Duration::from_secs(15), "a head sent one header a second was read for {slow_for:?}");
}

#[test]
fn runaway_handlers_time_out_on_time_while_others_are_served() {
    let server = Server::start("runaway");
    survive_runaways(&server, "/loop", 8);
}

/// A handler whose runs were quick runs on a server thread itself (no
/// hand-off): when it turns into a loop, the server still has threads.
#[test]
fn handlers_that_were_quick_and_turn_runaway_hold_up_no_other_request() {
    let server = Server::start("quick-runaway");
    for _ in 0..3 {
        assert_eq!(get(&server.addr, "/quick-until-asked").status, Some(200));
    }
    // One more than run directly at once (one per core).
    let cores = std::thread::available_parallelism().map_or(2, |n| n.get());
    survive_runaways(&server, "/quick-until-asked?loop", cores + 1);
}

/// Sends `count` requests to a `path` that loops until its 2 s timeout;
/// asserts that probes are answered meanwhile and each loop gets its error
/// on time. One such test at a time: the loops of two would share the
/// cores with each other's probes.
fn survive_runaways(server: &Server, path: &'static str, count: usize) {
    static ONE_AT_A_TIME: std::sync::Mutex<()> = std::sync::Mutex::new(());
    let _turn = ONE_AT_A_TIME.lock().unwrap_or_else(std::sync::PoisonError::into_inner);
    let runaways: Vec<_> = (0..count)
        .map(|_| {
            let addr = server.addr.clone();
            std::thread::spawn(move || get(&addr, path))
        })
        .collect();
    std::thread::sleep(Duration::from_millis(300));
    let probing = Instant::now();
    for _ in 0..5 {
        let probe = get(&server.addr, "/hello");
        assert_eq!(probe.status, Some(200));
    }
    assert!(probing.elapsed() < Duration::from_millis(1500), "5 probes took {:?} beside {count} loops", probing.elapsed());
    for runaway in runaways {
        let answer = runaway.join().expect("a runaway's client ends");
        assert_eq!(answer.status, Some(500));
        assert!(answer.body.contains("timed out after 2s"), "{}", answer.body);
        // 2 s, within 10% (and the request's own way in and out).
        assert!(answer.took >= Duration::from_secs(2), "answered after {:?}", answer.took);
        assert!(answer.took < Duration::from_millis(2500), "a 2 s timeout answered after {:?}", answer.took);
    }
    assert_eq!(get(&server.addr, "/hello").status, Some(200));
}

#[test]
fn requests_beyond_a_functions_concurrency_wait_their_turn() {
    let server = Server::start("concurrency");
    let waiting: Vec<_> = (0..4)
        .map(|_| {
            let addr = server.addr.clone();
            std::thread::spawn(move || get(&addr, "/one-at-a-time"))
        })
        .collect();
    let mut took: Vec<Duration> = waiting
        .into_iter()
        .map(|request| {
            let answer = request.join().expect("a client ends");
            assert_eq!((answer.status, answer.body.as_str()), (Some(200), "done"));
            answer.took
        })
        .collect();
    took.sort();
    // One at a time: the last waited for the three before it.
    assert!(took[3] >= Duration::from_millis(800), "{took:?}");
}

#[test]
fn memory_is_counted_whole_and_comes_back_after_out_of_memory_invocations() {
    let server = Server::start("memory");
    assert_eq!(get(&server.addr, "/hello").status, Some(200));
    let before = server.memory_kb("VmRSS:");
    // Two at a time: they run on different threads.
    for _ in 0..5 {
        let hogs: Vec<_> = (0..2)
            .map(|_| {
                let addr = server.addr.clone();
                std::thread::spawn(move || get(&addr, "/hog"))
            })
            .collect();
        for hog in hogs {
            let answer = hog.join().expect("a client ends");
            assert_eq!(answer.status, Some(500));
            assert!(answer.body.contains("out of memory"), "{}", answer.body);
        }
    }
    // The allocator gives freed memory back a second after, as it works.
    std::thread::sleep(Duration::from_millis(1500));
    for _ in 0..5 {
        assert_eq!(get(&server.addr, "/hello").status, Some(200));
    }
    let (after, peak) = (server.memory_kb("VmRSS:"), server.memory_kb("VmHWM:"));
    // Two invocations of 128 MB each: what they hold is counted, not only
    // their values' payload.
    assert!(peak < before + 2 * 128 * 1024 * 3 / 2, "two 128 MB invocations took the RSS from {before} kB to {peak} kB");
    // Given back: less than one invocation's limit is left (issue 13 asks
    // for 300 MB after ten 1 GB invocations).
    assert!(after < before + 100 * 1024, "the RSS went from {before} kB to {after} kB after 10 out-of-memory invocations");
}

#[test]
fn ctrl_c_and_sigterm_stop_a_running_handler_at_once() {
    for signal in ["-INT", "-TERM"] {
        let mut server = Server::start(&format!("signal{signal}"));
        let addr = server.addr.clone();
        let runaway = std::thread::spawn(move || get(&addr, "/forever"));
        std::thread::sleep(Duration::from_millis(500));
        let pid = server.child.id().to_string();
        let sent = Instant::now();
        assert!(Command::new("kill").args([signal, &pid]).status().expect("send the signal").success());
        let status = server.child.wait().expect("the process ends");
        let took = sent.elapsed();
        assert_eq!(status.code(), Some(0), "after kill {signal}");
        assert!(took < Duration::from_secs(1), "kill {signal} took {took:?} to stop a looping handler");
        assert!(runaway.join().expect("the client ends").took < PATIENCE);
    }
}

#[test]
fn ctrl_c_stops_within_a_second_when_a_stop_handler_loops_or_a_call_never_returns() {
    // A server that accepts connections and never answers.
    let silent = std::net::TcpListener::bind("127.0.0.1:0").expect("a free port");
    let silent_addr = silent.local_addr().expect("its address");
    let app = format!(
        r#"bring cloud;
bring http;
new cloud.Service(inflight () => {{
  return () => {{
    let var n = 0;
    while true {{ n += 1; }}
  }};
}});
let api = new cloud.Api() as "api";
api.get("/call", inflight (req) => {{
  return {{ body: http.get("http://{silent_addr}/").body }};
}});
"#
    );
    let mut server = Server::start_app("stuck-stop", &app);
    let addr = server.addr.clone();
    let caller = std::thread::spawn(move || get(&addr, "/call"));
    let (_connection, _) = silent.accept().expect("the handler calls the silent server");
    let pid = server.child.id().to_string();
    let sent = Instant::now();
    assert!(Command::new("kill").args(["-INT", &pid]).status().expect("send the signal").success());
    let status = server.child.wait().expect("the process ends");
    let took = sent.elapsed();
    assert_eq!(status.code(), Some(0));
    assert!(took < Duration::from_secs(1), "Ctrl-C took {took:?} with a looping stop handler and a call that never returns");
    assert!(caller.join().expect("the client ends").took < PATIENCE);
}

const CONSUMER_APP: &str = r#"bring cloud;
let inbox = new cloud.Queue() as "inbox";
let handled = new cloud.Counter() as "handled";
inbox.setConsumer(inflight (message) => {
  let fields = MutMap<str>{};
  let var line = "";
  for part in message.split(",") {
    fields.set("field {part}", part);
    line = line + part;
  }
  if fields.get("field paid") != "paid" || !line.startsWith("order") {
    throw "a message lost its fields: {message}";
  }
  handled.inc();
}, batchSize: 10);
let api = new cloud.Api() as "api";
api.get("/feed", inflight (req) => {
  let count = num.fromStr(req.query.get("count"));
  for i in 0..count {
    inbox.push("order,{i},paid,{i * 3}");
  }
  return { body: "{count}" };
});
api.get("/handled", inflight (req) => {
  return { body: "{handled.peek()}" };
});
"#;

/// Pushes `count` messages through the Api and waits until the consumer
/// has handled `total` in all.
fn feed(server: &Server, count: usize, total: usize) {
    assert_eq!(get(&server.addr, &format!("/feed?count={count}")).body, count.to_string());
    let patience = Instant::now() + Duration::from_secs(120);
    while get(&server.addr, "/handled").body != total.to_string() {
        assert!(Instant::now() < patience, "the consumer handled {} of {total}", get(&server.addr, "/handled").body);
        std::thread::sleep(Duration::from_millis(50));
    }
}

#[test]
fn a_consumer_fed_100_000_messages_keeps_a_flat_memory() {
    let server = Server::start_app("consumer", CONSUMER_APP);
    const ROUND: usize = 10_000;
    feed(&server, ROUND, ROUND);
    let before = server.memory_kb("VmRSS:");
    for round in 2..=11 {
        feed(&server, ROUND, round * ROUND);
    }
    // The allocator gives freed memory back a second after, as it works.
    std::thread::sleep(Duration::from_millis(1500));
    let after = server.memory_kb("VmRSS:");
    assert!(after < before + 16 * 1024, "100,000 more messages took the RSS from {before} kB to {after} kB");
}
