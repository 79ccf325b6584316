//! A client of the Lambda Runtime API (`AWS_LAMBDA_RUNTIME_API`, plain
//! HTTP on the sandbox's loopback): takes the API's `host:port`, gives the
//! next event and posts what became of it, or why init failed.

use std::time::{Duration, SystemTime};

const VERSION: &str = "2018-06-01";

/// One event to handle.
#[derive(Debug)]
pub struct Event {
    pub request_id: String,
    /// When Lambda stops the invocation.
    pub deadline: Option<SystemTime>,
    pub body: Vec<u8>,
}

/// Why an invocation (or init) failed, as Lambda records it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ErrorReport {
    pub message: String,
    /// `WingError` (the handler failed), `EventError` (an event this
    /// function cannot take), `InitError`.
    pub error_type: &'static str,
    /// `.w` frames, innermost first (`at main.w:3:5 (handler)`).
    pub trace: Vec<String>,
}

impl ErrorReport {
    fn json(&self) -> String {
        serde_json::json!({ "errorMessage": self.message, "errorType": self.error_type, "stackTrace": self.trace }).to_string()
    }
}

pub struct RuntimeApi {
    base: String,
    agent: ureq::Agent,
}

impl RuntimeApi {
    /// The API at `address` (`host:port`).
    pub fn new(address: &str) -> RuntimeApi {
        // `next` waits as long as Lambda has no event: no timeout.
        let agent = ureq::Agent::config_builder().http_status_as_error(false).build().into();
        RuntimeApi { base: format!("http://{address}/{VERSION}/runtime"), agent }
    }

    /// Waits for the next event.
    pub fn next(&self) -> Result<Event, String> {
        let url = format!("{}/invocation/next", self.base);
        let mut response = self.agent.get(&url).call().map_err(|e| format!("GET {url}: {e}"))?;
        if response.status() != 200 {
            return Err(format!("GET {url}: status {}", response.status()));
        }
        let header = |name: &str| response.headers().get(name).and_then(|v| v.to_str().ok()).map(str::to_string);
        let request_id = header("lambda-runtime-aws-request-id").ok_or_else(|| format!("GET {url}: no request id"))?;
        let deadline = header("lambda-runtime-deadline-ms")
            .and_then(|ms| ms.parse::<u64>().ok())
            .map(|ms| SystemTime::UNIX_EPOCH + Duration::from_millis(ms));
        let body = response.body_mut().with_config().limit(256 << 20).read_to_vec().map_err(|e| format!("GET {url}: {e}"))?;
        Ok(Event { request_id, deadline, body })
    }

    /// The invocation's result.
    pub fn respond(&self, request_id: &str, body: &str) -> Result<(), String> {
        self.post(&format!("invocation/{request_id}/response"), body, None)
    }

    /// The invocation failed.
    pub fn fail(&self, request_id: &str, error: &ErrorReport) -> Result<(), String> {
        self.post(&format!("invocation/{request_id}/error"), &error.json(), Some(error.error_type))
    }

    /// Init failed (the runtime exits next).
    pub fn init_failed(&self, error: &ErrorReport) -> Result<(), String> {
        self.post("init/error", &error.json(), Some(error.error_type))
    }

    fn post(&self, path: &str, body: &str, error_type: Option<&str>) -> Result<(), String> {
        let url = format!("{}/{path}", self.base);
        let mut request = self.agent.post(&url).header("content-type", "application/json");
        if let Some(error_type) = error_type {
            request = request.header("lambda-runtime-function-error-type", error_type);
        }
        let response = request.send(body).map_err(|e| format!("POST {url}: {e}"))?;
        match response.status().as_u16() {
            200..=299 => Ok(()),
            status => Err(format!("POST {url}: status {status}")),
        }
    }
}
