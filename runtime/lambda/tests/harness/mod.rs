//! A Lambda Runtime API on 127.0.0.1 for the tests: takes events from the
//! test, hands each to the `bootstrap` process that asks for the next one,
//! and gives back what the process posted (a response, an error, an init
//! error). A small HTTP/1.1 server on a free port, with a thread per
//! connection ([`Server`], which the Lambda service stand-in uses too);
//! dropping the harness ends all its threads.

use std::collections::HashMap;
use std::io::{BufRead, BufReader, Read, Write};
use std::net::{SocketAddr, TcpListener, TcpStream};
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::mpsc::{Receiver, Sender, channel};
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use std::time::{Duration, SystemTime};

/// What the runtime posted.
#[derive(Debug, Clone, PartialEq)]
pub enum Posted {
    Response { request_id: String, body: serde_json::Value },
    Error { request_id: String, error_type: Option<String>, body: serde_json::Value },
    InitError { error_type: Option<String>, body: serde_json::Value },
}

pub struct RuntimeApi {
    pub address: String,
    /// `None` once stopping: a connection waiting for the next event sees
    /// the channel closed and ends.
    events: Option<Sender<(String, String)>>,
    posted: Receiver<Posted>,
    next_id: usize,
    server: Server,
}

impl RuntimeApi {
    /// Serves the Runtime API on a free port of 127.0.0.1.
    pub fn start() -> RuntimeApi {
        let (events, pending) = channel();
        let (post, posted) = channel();
        let pending = Mutex::new(pending);
        let server = Server::start(move |stream| serve(stream, &pending, &post));
        RuntimeApi { address: server.address.to_string(), events: Some(events), posted, next_id: 0, server }
    }

    /// Hands `event` (its text as sent) to the runtime; gives what the
    /// runtime posted for it.
    pub fn invoke(&mut self, event: &str) -> Posted {
        self.next_id += 1;
        let id = format!("request-{}", self.next_id);
        let events = self.events.as_ref().expect("the server runs");
        events.send((id.clone(), event.to_string())).expect("the server runs");
        let posted = self.posted();
        match &posted {
            Posted::Response { request_id, .. } | Posted::Error { request_id, .. } => assert_eq!(request_id, &id),
            Posted::InitError { .. } => {}
        }
        posted
    }

    /// The next thing the runtime posts.
    pub fn posted(&self) -> Posted {
        self.posted.recv_timeout(Duration::from_secs(60)).expect("the runtime posts within a minute")
    }
}

impl Drop for RuntimeApi {
    fn drop(&mut self) {
        self.events = None;
        self.server.stop();
    }
}

/// A small HTTP server's threads on a free port of 127.0.0.1: one accepts
/// connections, one per connection runs `serve` on it. [`Server::stop`]
/// (or dropping it) ends them all: it wakes the accepting thread and shuts
/// every connection down, so `serve` must return once its connection is
/// closed.
pub struct Server {
    pub address: SocketAddr,
    stopping: Arc<AtomicBool>,
    connections: Arc<Mutex<Vec<Connection>>>,
    accepting: Option<JoinHandle<()>>,
}

/// A connection (a handle to shut it down) and its thread.
type Connection = (TcpStream, JoinHandle<()>);

impl Server {
    pub fn start(serve: impl Fn(TcpStream) + Send + Sync + 'static) -> Server {
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind a server");
        let address = listener.local_addr().expect("its address");
        let stopping = Arc::new(AtomicBool::new(false));
        let connections: Arc<Mutex<Vec<Connection>>> = Arc::default();
        let serve = Arc::new(serve);
        let accepting = {
            let (stopping, connections) = (stopping.clone(), connections.clone());
            std::thread::spawn(move || {
                for stream in listener.incoming() {
                    if stopping.load(Ordering::SeqCst) {
                        return;
                    }
                    let Ok(stream) = stream else { continue };
                    let Ok(handle) = stream.try_clone() else { continue };
                    let serve = serve.clone();
                    let thread = std::thread::spawn(move || serve(stream));
                    connections.lock().expect("the connections").push((handle, thread));
                }
            })
        };
        Server { address, stopping, connections, accepting: Some(accepting) }
    }

    /// Ends every thread of the server (at once if it is stopped already);
    /// gives whether one of them panicked.
    pub fn stop(&mut self) -> bool {
        let Some(accepting) = self.accepting.take() else { return false };
        self.stopping.store(true, Ordering::SeqCst);
        // Wakes the accepting thread, which then sees it is stopping.
        let _ = TcpStream::connect(self.address);
        let mut panicked = accepting.join().is_err();
        let connections = std::mem::take(&mut *self.connections.lock().expect("the connections"));
        for (stream, thread) in connections {
            let _ = stream.shutdown(std::net::Shutdown::Both);
            panicked |= thread.join().is_err();
        }
        panicked
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop();
    }
}

/// Serves one connection's requests (keep-alive) until it closes.
fn serve(stream: TcpStream, pending: &Mutex<Receiver<(String, String)>>, post: &Sender<Posted>) {
    let mut writer = stream.try_clone().expect("clone the stream");
    let mut reader = BufReader::new(stream);
    while let Some((method, path, headers, body)) = read_request(&mut reader) {
        let json = || serde_json::from_slice(&body).unwrap_or(serde_json::Value::Null);
        let error_type = headers.get("lambda-runtime-function-error-type").cloned();
        let route = path.strip_prefix("/2018-06-01/runtime/").unwrap_or("");
        let reply = match (method.as_str(), route) {
            ("GET", "invocation/next") => {
                let Ok((id, event)) = pending.lock().expect("the event queue").recv() else { return };
                let deadline = SystemTime::now().duration_since(SystemTime::UNIX_EPOCH).expect("a clock").as_millis() + 30_000;
                let head = format!(
                    "Lambda-Runtime-Aws-Request-Id: {id}\r\nLambda-Runtime-Deadline-Ms: {deadline}\r\n\
                     Lambda-Runtime-Invoked-Function-Arn: arn:aws:lambda:us-east-1:123456789012:function:f\r\n"
                );
                response(200, &head, &event)
            }
            ("POST", "init/error") => {
                let _ = post.send(Posted::InitError { error_type, body: json() });
                response(202, "", "{}")
            }
            ("POST", route) => match route.strip_prefix("invocation/").and_then(|r| r.split_once('/')) {
                Some((id, "response")) => {
                    let _ = post.send(Posted::Response { request_id: id.to_string(), body: json() });
                    response(202, "", "{}")
                }
                Some((id, "error")) => {
                    let _ = post.send(Posted::Error { request_id: id.to_string(), error_type, body: json() });
                    response(202, "", "{}")
                }
                _ => response(404, "", "{}"),
            },
            _ => response(404, "", "{}"),
        };
        if writer.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

fn response(status: u16, head: &str, body: &str) -> String {
    format!("HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n{head}\r\n{body}", body.len())
}

type Request = (String, String, HashMap<String, String>, Vec<u8>);

/// One request: method, path, headers (lowercase names), body; `None`
/// once the connection is closed.
pub fn read_request(reader: &mut BufReader<TcpStream>) -> Option<Request> {
    let mut line = String::new();
    reader.read_line(&mut line).ok().filter(|n| *n > 0)?;
    let mut parts = line.split_whitespace();
    let (method, path) = (parts.next()?.to_string(), parts.next()?.to_string());
    let mut headers = HashMap::new();
    loop {
        let mut header = String::new();
        reader.read_line(&mut header).ok().filter(|n| *n > 0)?;
        let header = header.trim_end();
        if header.is_empty() {
            break;
        }
        let (name, value) = header.split_once(':')?;
        headers.insert(name.trim().to_ascii_lowercase(), value.trim().to_string());
    }
    let mut body = Vec::new();
    if headers.get("transfer-encoding").is_some_and(|t| t.eq_ignore_ascii_case("chunked")) {
        loop {
            let mut size = String::new();
            reader.read_line(&mut size).ok()?;
            let size = usize::from_str_radix(size.trim(), 16).ok()?;
            let mut chunk = vec![0; size + 2];
            reader.read_exact(&mut chunk).ok()?;
            if size == 0 {
                break;
            }
            body.extend_from_slice(&chunk[..size]);
        }
    } else if let Some(length) = headers.get("content-length").and_then(|l| l.parse::<usize>().ok()) {
        body.resize(length, 0);
        reader.read_exact(&mut body).ok()?;
    }
    Some((method, path, headers, body))
}
