//! The `http` module speaks HTTPS: inflight code calls a server on
//! 127.0.0.1 whose certificate (`tests/tls/cert.pem`, self-signed for
//! 127.0.0.1 and valid until 2126) `wingc` trusts through `SSL_CERT_FILE`,
//! and refuses the same server when it trusts only the built-in roots.
//! The server is rustls on a thread of the test, stopped when it ends.

use rustls::pki_types::pem::PemObject;
use rustls::pki_types::{CertificateDer, PrivateKeyDer};
use std::io::{Read, Write};
use std::net::TcpListener;
use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::thread::JoinHandle;
use std::time::Duration;

const PROGRAM: &str = r#"bring http;
bring util;

// The compiler's environment, read preflight.
let base = util.env("HTTPS_BASE");

test "an HTTPS call" {
  let got = http.get("{base}/orders?id=7");
  assert(got.ok && got.status == 200);
  assert(got.body == "secure GET /orders?id=7 ");
  let posted = http.post("{base}/orders", body: Json.stringify({ qty: 2 }));
  assert(posted.body == "secure POST /orders " + Json.stringify({ qty: 2 }));
  assert(posted.headers.get("content-type") == "text/plain");
}
"#;

fn tls_file(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/tls").join(name)
}

/// An HTTPS server answering `secure METHOD TARGET BODY`, stopped when
/// dropped.
struct Server {
    base: String,
    stop: Arc<AtomicBool>,
    thread: Option<JoinHandle<()>>,
}

impl Server {
    fn start() -> Server {
        let certificates: Vec<CertificateDer<'static>> = CertificateDer::pem_file_iter(tls_file("cert.pem"))
            .expect("cert.pem")
            .collect::<Result<_, _>>()
            .expect("a certificate");
        let key = PrivateKeyDer::from_pem_file(tls_file("key.pem")).expect("key.pem");
        // The crate's one provider (ring).
        let config = rustls::ServerConfig::builder()
            .with_no_client_auth()
            .with_single_cert(certificates, key)
            .expect("the server's certificate");
        let config = Arc::new(config);
        let listener = TcpListener::bind("127.0.0.1:0").expect("bind");
        let base = format!("https://127.0.0.1:{}", listener.local_addr().expect("address").port());
        listener.set_nonblocking(true).expect("nonblocking");
        let stop = Arc::new(AtomicBool::new(false));
        let stopped = stop.clone();
        let thread = std::thread::spawn(move || {
            while !stopped.load(Ordering::Relaxed) {
                match listener.accept() {
                    Ok((stream, _)) => answer(stream, config.clone()),
                    Err(_) => std::thread::sleep(Duration::from_millis(5)),
                }
            }
        });
        Server { base, stop, thread: Some(thread) }
    }
}

impl Drop for Server {
    fn drop(&mut self) {
        self.stop.store(true, Ordering::Relaxed);
        if let Some(thread) = self.thread.take() {
            let _ = thread.join();
        }
    }
}

/// Answers one request on one connection (a client that refuses the
/// certificate ends the handshake: nothing to answer).
fn answer(stream: std::net::TcpStream, config: Arc<rustls::ServerConfig>) {
    let _ = stream.set_nonblocking(false);
    let _ = stream.set_read_timeout(Some(Duration::from_secs(10)));
    let connection = rustls::ServerConnection::new(config).expect("a TLS connection");
    let mut tls = rustls::StreamOwned::new(connection, stream);
    let mut received = Vec::new();
    let mut buffer = [0; 4096];
    let head_end = loop {
        if let Some(at) = received.windows(4).position(|w| w == b"\r\n\r\n") {
            break at;
        }
        match tls.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
        }
    };
    let head = String::from_utf8_lossy(&received[..head_end]).into_owned();
    let length: usize = head
        .lines()
        .find_map(|line| line.to_ascii_lowercase().strip_prefix("content-length:").map(|v| v.trim().parse().unwrap_or(0)))
        .unwrap_or(0);
    while received.len() < head_end + 4 + length {
        match tls.read(&mut buffer) {
            Ok(0) | Err(_) => return,
            Ok(n) => received.extend_from_slice(&buffer[..n]),
        }
    }
    let mut request_line = head.lines().next().unwrap_or("").split(' ');
    let (method, target) = (request_line.next().unwrap_or(""), request_line.next().unwrap_or(""));
    let body = String::from_utf8_lossy(&received[head_end + 4..]);
    let text = format!("secure {method} {target} {body}");
    let response = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/plain\r\nContent-Length: {}\r\nConnection: close\r\n\r\n{text}",
        text.len()
    );
    let _ = tls.write_all(response.as_bytes());
    tls.conn.send_close_notify();
    let _ = tls.flush();
}

/// `wingc test` of [`PROGRAM`] against `server`, trusting `certificates`
/// (`None`: the built-in roots).
fn wingc_test(label: &str, server: &Server, certificates: Option<&Path>) -> Output {
    let dir = std::env::temp_dir().join(format!("wingc-https-{}-{label}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    std::fs::write(dir.join("main.w"), PROGRAM).expect("write main.w");
    let mut command = Command::new(env!("CARGO_BIN_EXE_wingc"));
    command.arg("test").arg(dir.join("main.w")).env("HTTPS_BASE", &server.base);
    match certificates {
        Some(file) => command.env("SSL_CERT_FILE", file),
        None => command.env_remove("SSL_CERT_FILE"),
    };
    let output = command.output().expect("wingc runs");
    let _ = std::fs::remove_dir_all(&dir);
    output
}

#[test]
fn inflight_code_calls_an_https_server_it_trusts() {
    let server = Server::start();
    let output = wingc_test("trusted", &server, Some(&tls_file("cert.pem")));
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(0), "stdout: {stdout}\nstderr: {}", String::from_utf8_lossy(&output.stderr));
    assert!(stdout.contains("1 passed, 0 failed"), "{stdout}");
}

#[test]
fn a_server_whose_certificate_is_not_trusted_is_refused() {
    let server = Server::start();
    let output = wingc_test("untrusted", &server, None);
    let stdout = String::from_utf8_lossy(&output.stdout);
    assert_eq!(output.status.code(), Some(1), "{stdout}");
    assert!(stdout.contains(&format!("the request to {}/orders?id=7 failed", server.base)), "{stdout}");
    assert!(stdout.to_lowercase().contains("certificate"), "{stdout}");
}
