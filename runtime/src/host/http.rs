//! `wing:http`: a real HTTP and HTTPS client (ureq on rustls; see
//! [`tls`] for the certificates it trusts). Takes a URL
//! and `RequestOptions`, gives a `Response` struct (status, url, ok,
//! headers with lowercase names, body text). A response of any status is
//! a value; a request that gets no response (refused, timed out) raises a
//! Wing error. The wait counts against the invocation's deadline.

use super::{alloc, raise, text};
use crate::backend::Waiting;
use crate::state::HostState;
use std::path::Path;
use std::sync::OnceLock;
use std::time::{Duration, Instant};
use wasmtime::{Caller, Linker};
use wing_std::Value;

type Host<'a> = Caller<'a, HostState>;
type R<T> = wasmtime::Result<T>;

/// The TLS settings of every request: servers are checked against the
/// certificates of the PEM file `SSL_CERT_FILE` names (as OpenSSL reads
/// it: the file replaces the default roots), else against the Mozilla
/// roots built in, which need nothing from the machine (a Lambda
/// function's included). Read once per process.
fn tls() -> Result<ureq::tls::TlsConfig, String> {
    static CONFIG: OnceLock<Result<ureq::tls::TlsConfig, String>> = OnceLock::new();
    CONFIG
        .get_or_init(|| {
            let roots = match std::env::var_os("SSL_CERT_FILE") {
                None => ureq::tls::RootCerts::WebPki,
                Some(file) => certificates(Path::new(&file))?,
            };
            Ok(ureq::tls::TlsConfig::builder().root_certs(roots).build())
        })
        .clone()
}

/// The certificates of a PEM file.
fn certificates(file: &Path) -> Result<ureq::tls::RootCerts, String> {
    let unusable = |why: String| format!("SSL_CERT_FILE={}: {why}", file.display());
    let pem = std::fs::read(file).map_err(|e| unusable(e.to_string()))?;
    let mut certificates = Vec::new();
    for item in ureq::tls::parse_pem(&pem) {
        if let ureq::tls::PemItem::Certificate(certificate) = item.map_err(|e| unusable(e.to_string()))? {
            certificates.push(certificate);
        }
    }
    if certificates.is_empty() {
        return Err(unusable("no certificate in the file".to_string()));
    }
    Ok(ureq::tls::RootCerts::from(certificates))
}

/// The longest a request may take unless its options say.
const DEFAULT_TIMEOUT: Duration = Duration::from_secs(30);

/// Defines the operation `name`; `false` when it is not one.
pub fn define(linker: &mut Linker<HostState>, name: &str) -> R<bool> {
    let method = match name {
        "fetch" => None,
        "get" => Some("GET"),
        "post" => Some("POST"),
        "put" => Some("PUT"),
        "patch" => Some("PATCH"),
        "delete" => Some("DELETE"),
        _ => return Ok(false),
    };
    linker.func_wrap("wing:http", name, move |mut c: Host<'_>, url: i32, options: i32| -> R<i32> {
        let url = text(&c, url)?.to_string();
        let options = c.data().value(options)?;
        let request = Request::of(&url, method, &options, c.data().deadline);
        let waiting = Waiting::begin(&c.data().backend);
        let response = request.send();
        drop(waiting);
        match response {
            Ok(response) => alloc(&mut c, response),
            Err(message) => raise(&mut c, message),
        }
    })?;
    Ok(true)
}

struct Request {
    url: String,
    method: String,
    headers: Vec<(String, String)>,
    body: Option<String>,
    timeout: Duration,
    redirect: Redirect,
}

/// What a redirect response does (`RequestOptions.redirect`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Redirect {
    Follow,
    /// The redirect response is the result.
    Manual,
    /// A redirect fails the request.
    Error,
}

/// How many redirects a request follows, as `fetch` does.
const MAX_REDIRECTS: usize = 20;

impl Request {
    fn of(url: &str, method: Option<&str>, options: &Value, deadline: Option<Instant>) -> Request {
        let field = |name: &str| match options {
            Value::Map(map) => map.borrow().get(name).cloned().unwrap_or_default(),
            _ => Value::Nil,
        };
        let method = method.map(str::to_string).or_else(|| match &field("method") {
            Value::Str(m) => Some(m.to_ascii_uppercase()),
            _ => None,
        });
        let headers = match &field("headers") {
            Value::Map(map) => map.borrow().iter().map(|(k, v)| (k.clone(), v.display())).collect(),
            _ => Vec::new(),
        };
        let mut timeout = match field("timeout") {
            Value::Num(s) | Value::Duration(s) if s > 0.0 && s.is_finite() => Duration::from_secs_f64(s),
            _ => DEFAULT_TIMEOUT,
        };
        if let Some(deadline) = deadline {
            timeout = timeout.min(deadline.saturating_duration_since(Instant::now()).max(Duration::from_millis(1)));
        }
        Request {
            url: url.to_string(),
            method: method.unwrap_or_else(|| "GET".to_string()),
            headers,
            body: match field("body") {
                Value::Nil => None,
                body => Some(body.display()),
            },
            timeout,
            redirect: match &field("redirect") {
                Value::Str(r) if r.eq_ignore_ascii_case("manual") => Redirect::Manual,
                Value::Str(r) if r.eq_ignore_ascii_case("error") => Redirect::Error,
                _ => Redirect::Follow,
            },
        }
    }

    /// Sends the request, following redirects as `fetch` does: a 303 (or
    /// a 301/302 after a `POST`) becomes a `GET` without a body; a 3xx
    /// without a `location` is an ordinary response.
    fn send(mut self) -> Result<Value, String> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .tls_config(tls()?)
            .http_status_as_error(false)
            .timeout_global(Some(self.timeout))
            .max_redirects(0)
            .build()
            .into();
        for _ in 0..=MAX_REDIRECTS {
            let mut builder = ureq::http::Request::builder().method(self.method.as_str()).uri(&self.url);
            for (name, value) in &self.headers {
                builder = builder.header(name, value);
            }
            let body = self.body.clone().unwrap_or_default();
            let request = builder.body(body).map_err(|e| format!("invalid request to {}: {e}", self.url))?;
            let response = agent.run(request).map_err(|e| format!("the request to {} failed: {e}", self.url))?;
            let status = response.status().as_u16();
            let location = response.headers().get("location").and_then(|l| l.to_str().ok()).map(str::to_string);
            match (self.redirect, location) {
                (Redirect::Follow, Some(location)) if (300..400).contains(&status) => {
                    if status == 303 || (matches!(status, 301 | 302) && self.method == "POST") {
                        self.method = "GET".to_string();
                        self.body = None;
                    }
                    self.url = resolve(&self.url, &location);
                }
                (Redirect::Error, Some(_)) if (300..400).contains(&status) => {
                    return Err(format!("the request to {} failed: it was redirected", self.url));
                }
                _ => return self.result(response),
            }
        }
        Err(format!("the request to {} failed: more than {MAX_REDIRECTS} redirects", self.url))
    }

    /// The `Response` value of a final response; its `url` is where the
    /// request ended up.
    fn result(self, mut response: ureq::http::Response<ureq::Body>) -> Result<Value, String> {
        let status = response.status().as_u16();
        let mut headers = wing_std::Entries::default();
        for (name, value) in response.headers() {
            headers.insert(name.as_str().to_string(), Value::string(String::from_utf8_lossy(value.as_bytes()).into_owned()));
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .map_err(|e| format!("cannot read the response from {}: {e}", self.url))?;
        let mut fields = wing_std::Entries::default();
        fields.insert("status".to_string(), Value::Num(f64::from(status)));
        fields.insert("url".to_string(), Value::string(self.url));
        fields.insert("ok".to_string(), Value::Bool((200..300).contains(&status)));
        fields.insert("headers".to_string(), Value::map(headers));
        fields.insert("body".to_string(), Value::string(body));
        Ok(Value::map(fields))
    }
}

/// A `location` resolved against the URL it came from.
fn resolve(base: &str, location: &str) -> String {
    if location.contains("://") {
        return location.to_string();
    }
    let origin_end = base.find("://").map_or(0, |i| i + 3);
    let path_start = base[origin_end..].find('/').map_or(base.len(), |i| origin_end + i);
    if location.starts_with('/') {
        return format!("{}{location}", &base[..path_start]);
    }
    let path = base[path_start..].split(['?', '#']).next().unwrap_or("");
    let dir = path.rfind('/').map_or("/", |i| &path[..=i]);
    format!("{}{dir}{location}", &base[..path_start])
}

#[cfg(test)]
mod tests {
    use super::resolve;

    #[test]
    fn locations_resolve_against_the_request_url() {
        assert_eq!(resolve("http://h:1/a/b?x=1", "/c"), "http://h:1/c");
        assert_eq!(resolve("http://h:1/a/b", "c"), "http://h:1/a/c");
        assert_eq!(resolve("http://h:1", "c"), "http://h:1/c");
        assert_eq!(resolve("http://h:1/a", "http://other/x"), "http://other/x");
    }
}
