//! The simulator's HTTP servers on 127.0.0.1: takes a request handler,
//! gives a listening server with a base URL, stopped with the simulator.
//! `cloud.Api`, `cloud.Website` and the URLs of a bucket's objects are each
//! served by one.
//!
//! Every server is hyper (HTTP/1.1) on one process-wide tokio runtime
//! ([`runtime`]): a connection is a task, not a thread, so slow or idle
//! clients hold nothing others need. A handler gives a future; work that
//! blocks runs where [`in_place`] says (running a function: on the
//! connection's own thread when the function's last run was quick, else
//! once that thread has handed its other connections on) or on the
//! runtime's blocking pool ([`blocking`], reading a file). The limits are API Gateway's: a request
//! line and headers over [`MAX_HEAD`] get 431, a body over [`MAX_BODY`]
//! gets 413 (never a truncated body), a request line or header hyper
//! cannot parse, a request line that is not ASCII or a header that is not
//! UTF-8 gets 400; a client gets
//! [`HEAD_TIMEOUT`] to send a request's head (which also closes an idle
//! keep-alive connection) and [`BODY_TIMEOUT`] for its body (408).
//!
//! Requests and responses are plain data ([`HttpRequest`], [`HttpResponse`])
//! so the resources never see the HTTP library.

pub mod api;
pub mod website;

use http_body_util::{BodyExt, Full, LengthLimitError, Limited};
use hyper::body::{Bytes, Incoming};
use hyper_util::rt::{TokioIo, TokioTimer};
use std::convert::Infallible;
use std::future::Future;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, OnceLock, mpsc};
use std::time::{Duration, Instant};
use tokio::sync::watch;

/// The most bytes of request line and headers (API Gateway HTTP APIs: 10 KB).
pub const MAX_HEAD: usize = 10 * 1024;
/// The largest request body (API Gateway: 10 MB).
pub const MAX_BODY: usize = 10 * 1024 * 1024;
/// How long a client may take to send a request's line and headers, and
/// how long a keep-alive connection may stay idle between requests (as
/// Node's `keepAliveTimeout`, which Wing's simulator runs on).
pub const HEAD_TIMEOUT: Duration = Duration::from_secs(5);
/// How long a client may take to send a request's body.
pub const BODY_TIMEOUT: Duration = Duration::from_secs(30);
/// How long a server waits after failing to accept a connection.
const ACCEPT_BACKOFF: Duration = Duration::from_millis(20);
/// How long a stopping server lets its open requests finish before it
/// drops them.
const STOP_GRACE: Duration = Duration::from_millis(300);

/// One request, decoded.
#[derive(Debug, Clone, Default)]
pub struct HttpRequest {
    pub method: String,
    /// Percent-decoded path, without the query.
    pub path: String,
    /// The path as the client sent it (still percent-encoded).
    pub raw_path: String,
    pub query: Vec<(String, String)>,
    /// Names in lowercase.
    pub headers: Vec<(String, String)>,
    pub body: String,
}

impl HttpRequest {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.iter().find(|(n, _)| n == name).map(|(_, v)| v.as_str())
    }
}

/// One response to send.
#[derive(Debug, Clone)]
pub struct HttpResponse {
    pub status: u16,
    pub headers: Vec<(String, String)>,
    pub body: Vec<u8>,
}

impl HttpResponse {
    pub fn new(status: u16, body: impl Into<Vec<u8>>) -> HttpResponse {
        HttpResponse { status, headers: Vec::new(), body: body.into() }
    }

    pub fn with_header(mut self, name: &str, value: &str) -> HttpResponse {
        self.headers.push((name.to_string(), value.to_string()));
        self
    }
}

/// A response to come.
pub type Reply = Pin<Box<dyn Future<Output = HttpResponse> + Send>>;

pub type Handler = Arc<dyn Fn(HttpRequest) -> Reply + Send + Sync>;

/// The runtime every server and blocking handler of the process runs on,
/// started on first use: one worker thread per core for connections and
/// quick invocations plus one that none of those may hold (see
/// [`in_place`]), and its blocking pool for other invocations (each thread
/// gets a 2 MiB stack, which the engine's Wasm stack limit is sized for).
pub fn runtime() -> &'static tokio::runtime::Runtime {
    static RUNTIME: OnceLock<tokio::runtime::Runtime> = OnceLock::new();
    RUNTIME.get_or_init(|| {
        tokio::runtime::Builder::new_multi_thread()
            .worker_threads(cores() + 1)
            .thread_name("wing-http")
            .thread_stack_size(crate::engine::INVOCATION_STACK)
            .enable_io()
            .enable_time()
            .build()
            .expect("the HTTP runtime starts")
    })
}

/// A reply computed by `work` on the blocking pool (it may run a function
/// or read files); a 500 if it panics.
pub fn blocking(work: impl FnOnce() -> HttpResponse + Send + 'static) -> Reply {
    Box::pin(async move {
        tokio::task::spawn_blocking(work).await.unwrap_or_else(|_| HttpResponse::new(500, "the request handler failed"))
    })
}

/// How long a run may take and still count as quick (see [`Pace`]).
const QUICK: Duration = Duration::from_millis(1);

/// What the last run of a handler says of its next: whether it was
/// [`QUICK`]. Unknown before the first run, which counts as slow.
#[derive(Debug, Default)]
pub struct Pace(AtomicBool);

impl Pace {
    fn is_quick(&self) -> bool {
        self.0.load(Ordering::Relaxed)
    }

    /// Runs `work` and remembers how long it took.
    fn timed<T>(&self, work: impl FnOnce() -> T) -> T {
        let began = Instant::now();
        let result = work();
        self.0.store(began.elapsed() <= QUICK, Ordering::Relaxed);
        result
    }
}

/// Requests answered directly on a worker thread (see [`in_place`]).
static DIRECT: AtomicUsize = AtomicUsize::new(0);
/// Requests answered on a thread that handed its connections on.
static IN_PLACE: AtomicUsize = AtomicUsize::new(0);

/// A reply computed by `work`, which may block, of a handler whose runs
/// `pace` records. Where it runs is a matter of thread hand-offs, which
/// cost more than a quick handler itself:
/// * after a quick run, and while fewer than one per core do, directly on
///   this worker thread (no hand-off; other workers steal what waits in
///   this one's queue, and one worker is always left free). A run that
///   turns slow hands this thread's other tasks on at the first sign
///   ([`crate::slow`]): even a handler that loops holds up no other
///   request for longer than the engine's check period;
/// * else, while fewer than one per core do, on this thread once it has
///   handed its other connections to another thread (one hand-off);
/// * else on the blocking pool, which keeps many running handlers from
///   churning the runtime's threads.
///
/// A 500 if it panics.
pub async fn in_place(pace: Arc<Pace>, work: impl FnOnce() -> HttpResponse + Send + 'static) -> HttpResponse {
    let quick = pace.is_quick();
    let run = move || {
        std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| pace.timed(work)))
            .unwrap_or_else(|_| HttpResponse::new(500, "the request handler failed"))
    };
    if quick && let Some(_turn) = Turn::take(&DIRECT) {
        let _hand_off = crate::slow::install(hand_off_worker);
        return run();
    }
    if let Some(_turn) = Turn::take(&IN_PLACE) {
        return tokio::task::block_in_place(run);
    }
    blocking(run).await
}

/// Gives the other tasks of this worker thread, whose run turned slow, to
/// another thread: `block_in_place` moves the task of the worker's LIFO
/// slot (which no other worker may steal) to its queue and hands the
/// worker to a new thread. It waits until a task spawned first has run,
/// that is until another thread serves what waits here; should it give
/// up first, it takes the worker back, and the others may still steal
/// from its queue. The run already took longer than the engine's check
/// period, so the wait costs it little.
fn hand_off_worker() {
    let (served, serving) = mpsc::sync_channel(1);
    tokio::spawn(async move {
        let _ = served.send(());
    });
    tokio::task::block_in_place(|| serving.recv_timeout(HAND_OFF_WAIT)).ok();
}

/// How long a thread handing its worker on waits for another to take it.
const HAND_OFF_WAIT: Duration = Duration::from_millis(20);

/// One request counted in a count of running ones, until dropped (also
/// when the request is dropped while it waits to run).
struct Turn(&'static AtomicUsize);

impl Turn {
    /// A turn in `running` if fewer than one per core are running.
    fn take(running: &'static AtomicUsize) -> Option<Turn> {
        if running.fetch_add(1, Ordering::AcqRel) < cores() {
            return Some(Turn(running));
        }
        running.fetch_sub(1, Ordering::AcqRel);
        None
    }
}

impl Drop for Turn {
    fn drop(&mut self) {
        self.0.fetch_sub(1, Ordering::AcqRel);
    }
}

/// The machine's cores (asked once).
fn cores() -> usize {
    static CORES: OnceLock<usize> = OnceLock::new();
    *CORES.get_or_init(|| std::thread::available_parallelism().map_or(2, |n| n.get()))
}

/// A listening socket whose requests nobody takes yet: its URL is known
/// before the resources that serve it exist.
pub struct Bound {
    port: u16,
    listener: std::net::TcpListener,
}

impl Bound {
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    pub fn port(&self) -> u16 {
        self.port
    }

    /// Starts serving every request with `handler`.
    pub fn serve(self, handler: Handler) -> std::io::Result<HttpServer> {
        let url = self.url();
        self.listener.set_nonblocking(true)?;
        let listener = {
            let _entered = runtime().enter();
            tokio::net::TcpListener::from_std(self.listener)?
        };
        let (stop, stopped) = watch::channel(false);
        let (done_tx, done) = mpsc::channel();
        runtime().spawn(async move {
            accept(listener, handler, stopped).await;
            let _ = done_tx.send(());
        });
        Ok(HttpServer { url, stop, done })
    }
}

/// A listening server.
pub struct HttpServer {
    url: String,
    stop: watch::Sender<bool>,
    /// Says when the listener is closed and every connection is done.
    done: mpsc::Receiver<()>,
}

impl HttpServer {
    /// Listens on `127.0.0.1:port` (`0`: any free port).
    pub fn bind(port: u16) -> std::io::Result<Bound> {
        let listener = std::net::TcpListener::bind(("127.0.0.1", port))?;
        let port = listener.local_addr()?.port();
        Ok(Bound { port, listener })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Closes the listener and every connection (open requests get
    /// [`STOP_GRACE`] to finish) and waits until they are closed.
    pub fn stop(self) {
        let _ = self.stop.send(true);
        let _ = self.done.recv_timeout(STOP_GRACE * 4);
    }
}

/// Takes connections until the server stops; then lets them finish within
/// [`STOP_GRACE`] and drops what is left.
async fn accept(listener: tokio::net::TcpListener, handler: Handler, mut stopped: watch::Receiver<bool>) {
    let mut connections = tokio::task::JoinSet::new();
    let stopping = stopped.clone();
    loop {
        let accepted = tokio::select! {
            accepted = listener.accept() => accepted,
            Some(_) = connections.join_next(), if !connections.is_empty() => continue,
            _ = stopped.wait_for(|stop| *stop) => break,
        };
        match accepted {
            Ok((stream, _)) => {
                connections.spawn(connection(stream, handler.clone(), stopping.clone()));
            }
            // Out of file descriptors, say: let connections close rather
            // than spin.
            Err(_) => tokio::time::sleep(ACCEPT_BACKOFF).await,
        }
    }
    drop(listener);
    let _ = tokio::time::timeout(STOP_GRACE, async { while connections.join_next().await.is_some() {} }).await;
    connections.shutdown().await;
}

/// Serves one connection until the client closes it, it times out, or
/// the server stops (the request in progress finishes first).
async fn connection(stream: tokio::net::TcpStream, handler: Handler, mut stopped: watch::Receiver<bool>) {
    let _ = stream.set_nodelay(true);
    let service = hyper::service::service_fn(move |request| {
        let handler = handler.clone();
        async move { Ok::<_, Infallible>(respond(&handler, request).await) }
    });
    let connection = hyper::server::conn::http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(HEAD_TIMEOUT)
        .max_header_size(MAX_HEAD)
        .serve_connection(TokioIo::new(stream), service);
    tokio::pin!(connection);
    tokio::select! {
        _ = connection.as_mut() => return,
        _ = stopped.wait_for(|stop| *stop) => connection.as_mut().graceful_shutdown(),
    }
    let _ = connection.await;
}

/// The response to one request: the handler's, or the refusal of a
/// request the limits do not let through.
async fn respond(handler: &Handler, request: hyper::Request<Incoming>) -> hyper::Response<Full<Bytes>> {
    let response = match decode(request).await {
        Ok(request) => handler(request).await,
        Err(refusal) => refusal.with_header("Connection", "close"),
    };
    encode(response)
}

/// The request as plain data, or the response refusing it.
async fn decode(request: hyper::Request<Incoming>) -> Result<HttpRequest, HttpResponse> {
    let (parts, body) = request.into_parts();
    // A request target is ASCII (non-ASCII text comes percent-encoded).
    if !parts.uri.path_and_query().is_none_or(|target| target.as_str().is_ascii()) {
        return Err(HttpResponse::new(400, "the request line is not ASCII"));
    }
    let raw_path = parts.uri.path().to_string();
    let query = parts.uri.query().map(parse_query).unwrap_or_default();
    let mut headers = Vec::with_capacity(parts.headers.len());
    for (name, value) in &parts.headers {
        let Ok(value) = std::str::from_utf8(value.as_bytes()) else {
            return Err(HttpResponse::new(400, format!("the header {name} is not UTF-8 text")));
        };
        headers.push((name.as_str().to_string(), value.to_string()));
    }
    let declared = parts.headers.get(hyper::header::CONTENT_LENGTH).and_then(|v| v.to_str().ok()?.parse::<u64>().ok());
    if declared.is_some_and(|length| length > MAX_BODY as u64) {
        return Err(too_large());
    }
    let body = match tokio::time::timeout(BODY_TIMEOUT, Limited::new(body, MAX_BODY).collect()).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(error)) if error.is::<LengthLimitError>() => return Err(too_large()),
        Ok(Err(_)) => return Err(HttpResponse::new(400, "the request body could not be read")),
        Err(_) => return Err(HttpResponse::new(408, "the request body did not come in time")),
    };
    let body = String::from_utf8(body.to_vec()).map_err(|_| HttpResponse::new(400, "the request body is not UTF-8 text"))?;
    Ok(HttpRequest {
        method: parts.method.as_str().to_ascii_uppercase(),
        path: percent_decode(&raw_path),
        raw_path,
        query,
        headers,
        body,
    })
}

fn too_large() -> HttpResponse {
    HttpResponse::new(413, format!("the request body is larger than {} MB", MAX_BODY >> 20))
}

/// `a=1&b=x+y` as decoded pairs.
fn parse_query(query: &str) -> Vec<(String, String)> {
    query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(&name.replace('+', " ")), percent_decode(&value.replace('+', " ")))
        })
        .collect()
}

/// The hyper response for a plain one (headers hyper would refuse are
/// left out).
fn encode(response: HttpResponse) -> hyper::Response<Full<Bytes>> {
    let mut encoded = hyper::Response::new(Full::new(Bytes::from(response.body)));
    *encoded.status_mut() = hyper::StatusCode::from_u16(response.status).unwrap_or(hyper::StatusCode::INTERNAL_SERVER_ERROR);
    let headers = encoded.headers_mut();
    for (name, value) in &response.headers {
        if let (Ok(name), Ok(value)) =
            (hyper::header::HeaderName::from_bytes(name.as_bytes()), hyper::header::HeaderValue::from_str(value))
        {
            headers.append(name, value);
        }
    }
    encoded
}

/// `%XX` sequences decoded (invalid ones kept as they are).
pub fn percent_decode(text: &str) -> String {
    let bytes = text.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let hex = bytes.get(i + 1..i + 3).and_then(|h| std::str::from_utf8(h).ok()).and_then(|h| u8::from_str_radix(h, 16).ok());
        match (bytes[i], hex) {
            (b'%', Some(byte)) => {
                out.push(byte);
                i += 3;
            }
            (byte, _) => {
                out.push(byte);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

pub use wing_abi::media::{content_type, mime_type, with_charset};

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn turns_are_given_back_when_dropped_and_limited_to_one_per_core() {
        static RUNNING: AtomicUsize = AtomicUsize::new(0);
        let turns: Vec<Turn> = std::iter::from_fn(|| Turn::take(&RUNNING)).take(cores() + 1).collect();
        assert_eq!((turns.len(), RUNNING.load(Ordering::Acquire)), (cores(), cores()));
        drop(turns);
        assert_eq!(RUNNING.load(Ordering::Acquire), 0);
    }

    #[test]
    fn paths_decode() {
        assert_eq!(percent_decode("/a%20b/%E2%9C%93/%zz"), "/a b/✓/%zz");
        assert_eq!(content_type("index.HTML"), "text/html; charset=utf-8");
        assert_eq!(parse_query("a=1&b=x+y&&c"), [("a".into(), "1".into()), ("b".into(), "x y".into()), ("c".into(), "".into())]);
    }
}
