//! `wing:http`: a real HTTP client (ureq, no TLS: the simulator talks to
//! its own servers on 127.0.0.1 and to plain-HTTP services). Takes a URL
//! and `RequestOptions`, gives a `Response` struct (status, url, ok,
//! headers with lowercase names, body text). A response of any status is
//! a value; a request that gets no response (refused, timed out) raises a
//! Wing error. The wait counts against the invocation's deadline.

use super::{alloc, raise, text};
use crate::state::HostState;
use indexmap::IndexMap;
use std::time::{Duration, Instant};
use wasmtime::{Caller, Linker};
use wing_std::Value;

type Host<'a> = Caller<'a, HostState>;
type R<T> = wasmtime::Result<T>;

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
        let sim = c.data().sim.clone();
        let waiting = sim.workers().waiting(&sim);
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
    follow_redirects: bool,
}

impl Request {
    fn of(url: &str, method: Option<&str>, options: &Value, deadline: Option<Instant>) -> Request {
        let field = |name: &str| match options {
            Value::Map(map) => map.borrow().get(name).cloned().unwrap_or_default(),
            _ => Value::Nil,
        };
        let method = method.map(str::to_string).or_else(|| match field("method") {
            Value::Str(m) => Some(m.to_ascii_uppercase()),
            _ => None,
        });
        let headers = match field("headers") {
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
            follow_redirects: !matches!(field("redirect"), Value::Str(r) if r.eq_ignore_ascii_case("manual")),
        }
    }

    fn send(self) -> Result<Value, String> {
        let agent: ureq::Agent = ureq::Agent::config_builder()
            .http_status_as_error(false)
            .timeout_global(Some(self.timeout))
            .max_redirects(if self.follow_redirects { 10 } else { 0 })
            .build()
            .into();
        let mut builder = ureq::http::Request::builder().method(self.method.as_str()).uri(&self.url);
        for (name, value) in &self.headers {
            builder = builder.header(name, value);
        }
        let request = builder.body(self.body.unwrap_or_default()).map_err(|e| format!("invalid request to {}: {e}", self.url))?;
        let mut response = agent.run(request).map_err(|e| format!("the request to {} failed: {e}", self.url))?;
        let status = response.status().as_u16();
        let mut headers = IndexMap::new();
        for (name, value) in response.headers() {
            headers.insert(name.as_str().to_string(), Value::string(String::from_utf8_lossy(value.as_bytes()).into_owned()));
        }
        let body = response
            .body_mut()
            .with_config()
            .limit(64 << 20)
            .read_to_string()
            .map_err(|e| format!("cannot read the response from {}: {e}", self.url))?;
        let mut fields = IndexMap::new();
        fields.insert("status".to_string(), Value::Num(f64::from(status)));
        fields.insert("url".to_string(), Value::string(self.url));
        fields.insert("ok".to_string(), Value::Bool((200..300).contains(&status)));
        fields.insert("headers".to_string(), Value::map(headers));
        fields.insert("body".to_string(), Value::string(body));
        Ok(Value::map(fields))
    }
}
