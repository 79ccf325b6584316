//! AWS Lambda's Invoke API standing in on 127.0.0.1 for the tests (moto
//! runs an invoked function in Docker, which the tests do not have): takes
//! the functions the test deployed, each a running `bootstrap` behind a
//! Runtime API harness of its own, and answers
//! `POST /2015-03-31/functions/{name}/invocations` as Lambda does: a
//! `RequestResponse` invocation hands the payload to the function and
//! sends back what its runtime posted (status 200, with
//! `X-Amz-Function-Error: Unhandled` when it posted an error); an `Event`
//! invocation is accepted (202) and queued until the test runs the queue;
//! an unknown function is a 404 `ResourceNotFoundException`, a throttled
//! one a 429 `TooManyRequestsException`. It records
//! every request it received and everything the functions posted. A small
//! HTTP/1.1 server on a free port, with a thread per connection (the
//! harness's [`Server`]); [`LambdaService::stop`] ends all its threads and
//! gives the functions back, dropping the service ends them too.

use crate::harness::{Posted, Server, read_request};
use serde_json::{Value as Json, json};
use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::net::TcpStream;
use std::sync::{Arc, Mutex};

/// A deployed function: hands one event to it, gives what its runtime
/// posted.
pub trait Function: Send + 'static {
    fn invoke(&mut self, payload: &str) -> Posted;
}

/// One request of the Invoke API, as the service received it.
#[derive(Debug, Clone, PartialEq)]
pub struct Received {
    /// The function's name, from the path.
    pub function: String,
    /// `X-Amz-Invocation-Type` (`RequestResponse` when absent, as in AWS).
    pub invocation_type: String,
    /// The payload, `Json::Null` for none.
    pub payload: Json,
    /// The scope of the request's SigV4 signature (`<region>/<service>`).
    pub signed_for: Option<String>,
}

/// What a function posted for one invocation the service handed it.
#[derive(Debug, Clone, PartialEq)]
pub struct Served {
    pub function: String,
    pub payload: Json,
    pub posted: Posted,
}

pub struct LambdaService<F: Function> {
    /// `http://127.0.0.1:<port>`.
    pub endpoint: String,
    shared: Arc<Shared<F>>,
    server: Server,
}

struct Shared<F> {
    functions: Mutex<BTreeMap<String, F>>,
    received: Mutex<Vec<Received>>,
    served: Mutex<Vec<Served>>,
    /// `Event` invocations accepted and not run yet: function, payload.
    queued: Mutex<Vec<(String, String)>>,
    /// Functions at their concurrency limit.
    throttled: Mutex<BTreeSet<String>>,
}

impl<F: Function> LambdaService<F> {
    /// Serves the Invoke API of `functions` (by name) on a free port of
    /// 127.0.0.1.
    pub fn start(functions: impl IntoIterator<Item = (String, F)>) -> LambdaService<F> {
        let shared = Arc::new(Shared {
            functions: Mutex::new(functions.into_iter().collect()),
            received: Mutex::default(),
            served: Mutex::default(),
            queued: Mutex::default(),
            throttled: Mutex::default(),
        });
        let server = {
            let shared = shared.clone();
            Server::start(move |stream| serve(stream, &shared))
        };
        LambdaService { endpoint: format!("http://{}", server.address), shared, server }
    }

    /// The environment that sends a `bootstrap`'s Lambda calls here (the
    /// SDK's variable for Lambda alone), with dummy credentials.
    pub fn env(&self) -> Vec<(String, String)> {
        crate::aws_env("AWS_ENDPOINT_URL_LAMBDA", &self.endpoint)
    }

    /// The requests received so far, in order.
    pub fn received(&self) -> Vec<Received> {
        self.shared.received.lock().expect("the requests").clone()
    }

    /// What the functions posted so far, in order.
    pub fn served(&self) -> Vec<Served> {
        self.shared.served.lock().expect("the answers").clone()
    }

    /// Throttles `function` from now on: Lambda refuses its invocations as
    /// when it is at its concurrency limit.
    pub fn throttle(&self, function: &str) {
        self.shared.throttled.lock().expect("the throttled").insert(function.to_string());
    }

    /// Runs the `Event` invocations accepted so far, in order; gives what
    /// the functions posted for them (Lambda drops it).
    pub fn run_queued(&self) -> Vec<Served> {
        let queued = std::mem::take(&mut *self.shared.queued.lock().expect("the queue"));
        queued.into_iter().map(|(function, payload)| self.shared.run(&function, &payload)).collect()
    }

    /// Stops the server and every connection's thread; gives the functions
    /// back (to stop them and read their logs).
    pub fn stop(mut self) -> BTreeMap<String, F> {
        assert!(!self.server.stop(), "a thread of the Lambda service panicked");
        let shared = Arc::try_unwrap(self.shared).unwrap_or_else(|_| panic!("a thread of the Lambda service still runs"));
        shared.functions.into_inner().expect("no thread panicked holding the functions")
    }
}

impl<F: Function> Shared<F> {
    /// Hands `payload` to `function` (one invocation at a time, as a test
    /// needs no more); records and gives what it posted.
    fn run(&self, function: &str, payload: &str) -> Served {
        let mut functions = self.functions.lock().expect("the functions");
        let deployed = functions.get_mut(function).unwrap_or_else(|| panic!("{function} was not deployed"));
        let posted = deployed.invoke(payload);
        let payload = serde_json::from_str(payload).unwrap_or(Json::Null);
        let served = Served { function: function.to_string(), payload, posted };
        self.served.lock().expect("the answers").push(served.clone());
        served
    }
}

/// Serves one connection's requests (keep-alive) until it closes.
fn serve<F: Function>(stream: TcpStream, shared: &Shared<F>) {
    let mut writer = stream.try_clone().expect("clone the stream");
    let mut reader = std::io::BufReader::new(stream);
    while let Some((method, path, headers, body)) = read_request(&mut reader) {
        let reply = answer(shared, &method, &path, &headers, &body);
        if writer.write_all(reply.as_bytes()).is_err() {
            return;
        }
    }
}

/// The reply to one request.
fn answer<F: Function>(
    shared: &Shared<F>,
    method: &str,
    path: &str,
    headers: &std::collections::HashMap<String, String>,
    body: &[u8],
) -> String {
    let route = path.strip_prefix("/2015-03-31/functions/").and_then(|rest| rest.split_once('/'));
    let function = match route {
        Some((function, rest)) if method == "POST" && rest.split('?').next() == Some("invocations") => function,
        _ => return error(404, "UnknownOperationException", &format!("no operation {method} {path}")),
    };
    let invocation_type = headers.get("x-amz-invocation-type").cloned().unwrap_or_else(|| "RequestResponse".into());
    let text = String::from_utf8_lossy(body).into_owned();
    let payload = if text.is_empty() { Ok(Json::Null) } else { serde_json::from_str(&text) };
    let signed_for = headers.get("authorization").and_then(|auth| scope(auth));
    let received = Received {
        function: function.to_string(),
        invocation_type: invocation_type.clone(),
        payload: payload.as_ref().cloned().unwrap_or(Json::Null),
        signed_for,
    };
    shared.received.lock().expect("the requests").push(received);
    if payload.is_err() {
        return error(400, "InvalidRequestContentException", "Could not parse request body into json");
    }
    if !shared.functions.lock().expect("the functions").contains_key(function) {
        let arn = format!("arn:aws:lambda:us-east-1:123456789012:function:{function}");
        return error(404, "ResourceNotFoundException", &format!("Function not found: {arn}"));
    }
    if shared.throttled.lock().expect("the throttled").contains(function) {
        let body =
            json!({ "Type": "User", "message": "Rate Exceeded.", "Reason": "ReservedFunctionConcurrentInvocationLimitExceeded" });
        return reply(429, "x-amzn-ErrorType: TooManyRequestsException\r\nRetry-After: 1\r\n", &body.to_string());
    }
    match invocation_type.as_str() {
        "RequestResponse" => match shared.run(function, &text).posted {
            Posted::Response { body, .. } => reply(200, "", &body.to_string()),
            Posted::Error { body, .. } | Posted::InitError { body, .. } => {
                reply(200, "X-Amz-Function-Error: Unhandled\r\n", &body.to_string())
            }
        },
        "Event" => {
            shared.queued.lock().expect("the queue").push((function.to_string(), text));
            reply(202, "", "")
        }
        "DryRun" => reply(204, "", ""),
        other => error(400, "InvalidParameterValueException", &format!("1 validation error detected: invocation type {other}")),
    }
}

/// `<region>/<service>` of a SigV4 `Authorization` header
/// (`… Credential=<key>/<date>/<region>/<service>/aws4_request, …`).
fn scope(authorization: &str) -> Option<String> {
    let credential = authorization.split("Credential=").nth(1)?.split(',').next()?;
    let parts: Vec<&str> = credential.split('/').collect();
    match parts[..] {
        [_, _, region, service, "aws4_request"] => Some(format!("{region}/{service}")),
        _ => None,
    }
}

/// A Lambda API error, as AWS sends one (`restJson1`).
fn error(status: u16, code: &str, message: &str) -> String {
    let head = format!("x-amzn-ErrorType: {code}\r\n");
    reply(status, &head, &json!({ "Type": "User", "Message": message }).to_string())
}

fn reply(status: u16, head: &str, body: &str) -> String {
    format!(
        "HTTP/1.1 {status} X\r\ncontent-type: application/json\r\ncontent-length: {}\r\n\
         x-amzn-RequestId: 00000000-0000-0000-0000-000000000000\r\nX-Amz-Executed-Version: $LATEST\r\n{head}\r\n{body}",
        body.len()
    )
}
