//! The simulator's HTTP servers on 127.0.0.1: takes a request handler,
//! gives a listening server with a base URL and a few threads taking
//! requests, stopped with the simulator. `cloud.Api`, `cloud.Website` and
//! the URLs of a bucket's objects are each served by one.
//!
//! Requests and responses are plain data ([`HttpRequest`], [`HttpResponse`])
//! so the resources never see the HTTP library.

pub mod api;
pub mod website;

use std::io::Read;
use std::sync::Arc;
use std::thread::JoinHandle;

/// Threads taking requests on one server: a handler that waits (a slow
/// route) does not hold up the others.
const THREADS: usize = 4;

/// The largest request body a server reads.
const MAX_BODY: u64 = 16 << 20;

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

pub type Handler = Arc<dyn Fn(HttpRequest) -> HttpResponse + Send + Sync>;

/// A listening socket whose requests nobody takes yet: its URL is known
/// before the resources that serve it exist.
pub struct Bound {
    port: u16,
    server: tiny_http::Server,
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
        let server = Arc::new(self.server);
        let threads = (0..THREADS)
            .map(|i| {
                let (server, handler) = (server.clone(), handler.clone());
                std::thread::Builder::new()
                    .name(format!("wing-http-{}-{i}", self.port))
                    .spawn(move || serve(&server, &handler))
                    .map_err(std::io::Error::other)
            })
            .collect::<std::io::Result<_>>()?;
        Ok(HttpServer { url, server, threads })
    }
}

/// A listening server.
pub struct HttpServer {
    url: String,
    server: Arc<tiny_http::Server>,
    threads: Vec<JoinHandle<()>>,
}

impl HttpServer {
    /// Listens on `127.0.0.1:port` (`0`: any free port).
    pub fn bind(port: u16) -> std::io::Result<Bound> {
        let server = tiny_http::Server::http(("127.0.0.1", port)).map_err(std::io::Error::other)?;
        let port = server.server_addr().to_ip().map_or(port, |a| a.port());
        Ok(Bound { port, server })
    }

    pub fn url(&self) -> &str {
        &self.url
    }

    /// Stops taking requests and waits for the threads.
    pub fn stop(self) {
        for _ in &self.threads {
            self.server.unblock();
        }
        for thread in self.threads {
            let _ = thread.join();
        }
    }
}

fn serve(server: &tiny_http::Server, handler: &Handler) {
    while let Ok(mut request) = server.recv() {
        let response = match decode(&mut request) {
            Ok(decoded) => handler(decoded),
            Err(message) => HttpResponse::new(400, message),
        };
        let mut reply = tiny_http::Response::from_data(response.body).with_status_code(response.status);
        for (name, value) in &response.headers {
            if let Ok(header) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
                reply.add_header(header);
            }
        }
        let _ = request.respond(reply);
    }
}

fn decode(request: &mut tiny_http::Request) -> Result<HttpRequest, String> {
    let (raw_path, query) = request.url().split_once('?').unwrap_or((request.url(), ""));
    let (path, raw_path) = (percent_decode(raw_path), raw_path.to_string());
    let query = query
        .split('&')
        .filter(|pair| !pair.is_empty())
        .map(|pair| {
            let (name, value) = pair.split_once('=').unwrap_or((pair, ""));
            (percent_decode(&name.replace('+', " ")), percent_decode(&value.replace('+', " ")))
        })
        .collect();
    let headers = request
        .headers()
        .iter()
        .map(|h| (h.field.as_str().as_str().to_ascii_lowercase(), h.value.as_str().to_string()))
        .collect();
    let mut body = String::new();
    request.as_reader().take(MAX_BODY).read_to_string(&mut body).map_err(|_| "the request body is not UTF-8 text".to_string())?;
    Ok(HttpRequest { method: request.method().as_str().to_ascii_uppercase(), path, raw_path, query, headers, body })
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
    fn paths_decode() {
        assert_eq!(percent_decode("/a%20b/%E2%9C%93/%zz"), "/a b/✓/%zz");
        assert_eq!(content_type("index.HTML"), "text/html; charset=utf-8");
    }
}
