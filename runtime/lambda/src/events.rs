//! Event adapters: takes the function's trigger, an event's bytes and a way
//! to call the bundle's entry, gives the response body Lambda gets, or the
//! error it records. Each trigger has its event shape (`spec/lambda.md`,
//! "Event adapters"): SQS batches (one call per record, failed records
//! listed in `batchItemFailures`), SNS records, API Gateway HTTP API
//! payloads 2.0, EventBridge ticks and S3 events, and direct invocations
//! (Json in, Json out). An event of another shape is an `EventError`; no
//! event stops the runtime.

use crate::runtime_api::ErrorReport;
use base64::Engine as _;
use serde_json::{Value as Json, json};
use wing_abi::lambda::Trigger;
use wing_runtime::Failure;
use wing_std::Value;

/// Runs the bundle's entry with these arguments (in a fresh instance).
pub type Call<'a> = dyn FnMut(Vec<Value>) -> Result<Value, Failure> + 'a;

/// Handles one event of a function with `trigger`.
pub fn handle(trigger: &Trigger, event: &[u8], call: &mut Call<'_>) -> Result<Json, ErrorReport> {
    let event: Json = serde_json::from_slice(event).map_err(|e| event_error(format!("the event is not Json: {e}")))?;
    match trigger {
        Trigger::Invoke => {
            let result = call(vec![Value::from_json(&event)]).map_err(wing_error)?;
            result.to_json().map_err(|problem| event_error(format!("the result cannot be returned: {problem}")))
        }
        Trigger::Deploy => call(Vec::new()).map(|_| Json::Null).map_err(wing_error),
        Trigger::Queue { .. } => sqs_batch(&event, call),
        Trigger::Topic { .. } => sns_messages(&event, call),
        Trigger::Api { .. } => api_request(&event, call),
        Trigger::Schedule { .. } => {
            if event.get("detail-type").and_then(Json::as_str) != Some("Scheduled Event") {
                return Err(event_error("the event is not an EventBridge scheduled event"));
            }
            call(Vec::new()).map(|_| Json::Null).map_err(wing_error)
        }
        Trigger::Bucket { events, .. } => bucket_event(&event, events, call),
    }
}

/// The report of a failed handler: its message and `.w` trace.
pub fn wing_error(failure: Failure) -> ErrorReport {
    ErrorReport {
        message: failure.message,
        error_type: "WingError",
        trace: failure.trace.iter().map(ToString::to_string).collect(),
    }
}

fn event_error(message: impl Into<String>) -> ErrorReport {
    ErrorReport { message: message.into(), error_type: "EventError", trace: Vec::new() }
}

/// The records of an event from `source` (`aws:sqs`, `aws:sns`), checked.
fn records<'a>(event: &'a Json, source_key: &str, source: &str) -> Result<&'a [Json], ErrorReport> {
    let records =
        event.get("Records").and_then(Json::as_array).ok_or_else(|| event_error(format!("the event has no {source} Records")))?;
    match records.iter().find(|r| r.get(source_key).and_then(Json::as_str) != Some(source)) {
        Some(_) => Err(event_error(format!("the event has records that are not from {source}"))),
        None => Ok(records),
    }
}

/// SQS: each record's body to the consumer; the records that failed are
/// reported, so SQS returns them to the queue and deletes the others.
fn sqs_batch(event: &Json, call: &mut Call<'_>) -> Result<Json, ErrorReport> {
    let records = records(event, "eventSource", "aws:sqs")?;
    let mut failures = Vec::new();
    for record in records {
        let id = record.get("messageId").and_then(Json::as_str);
        let body = record.get("body").and_then(Json::as_str);
        let (Some(id), Some(body)) = (id, body) else {
            return Err(event_error("an SQS record has no messageId or body"));
        };
        if let Err(failure) = call(vec![Value::str(body)]) {
            eprintln!("error: message {id} failed: {failure}");
            failures.push(json!({ "itemIdentifier": id }));
        }
    }
    Ok(json!({ "batchItemFailures": failures }))
}

/// SNS: each message to the subscriber; a failure fails the event (SNS
/// delivers it again).
fn sns_messages(event: &Json, call: &mut Call<'_>) -> Result<Json, ErrorReport> {
    for record in records(event, "EventSource", "aws:sns")? {
        let message = record.pointer("/Sns/Message").and_then(Json::as_str);
        let message = message.ok_or_else(|| event_error("an SNS record has no Sns.Message"))?;
        call(vec![Value::str(message)]).map_err(wing_error)?;
    }
    Ok(Json::Null)
}

/// EventBridge S3 events: the object's key and the event type.
fn bucket_event(event: &Json, events: &[String], call: &mut Call<'_>) -> Result<Json, ErrorReport> {
    if event.get("source").and_then(Json::as_str) != Some("aws.s3") {
        return Err(event_error("the event is not an S3 event from EventBridge"));
    }
    let has = |name: &str| events.iter().any(|e| e == name);
    let kind = match event.get("detail-type").and_then(Json::as_str) {
        Some("Object Created") if has("create") => "CREATE",
        Some("Object Created") if has("update") => "UPDATE",
        Some("Object Deleted") if has("delete") => "DELETE",
        other => return Err(event_error(format!("the function does not handle S3 events of type {other:?}"))),
    };
    let key = event.pointer("/detail/object/key").and_then(Json::as_str);
    let key = key.ok_or_else(|| event_error("the S3 event has no detail.object.key"))?;
    call(vec![Value::str(key), Value::str(kind)]).map(|_| Json::Null).map_err(wing_error)
}

/// API Gateway (HTTP API, payload 2.0): a `cloud.ApiRequest` in, the
/// `cloud.ApiResponse` out as `statusCode`, `headers` and `body`.
fn api_request(event: &Json, call: &mut Call<'_>) -> Result<Json, ErrorReport> {
    if event.get("version").and_then(Json::as_str) != Some("2.0") {
        return Err(event_error("the event is not an API Gateway payload 2.0"));
    }
    let text = |pointer: &str| event.pointer(pointer).and_then(Json::as_str);
    let method = text("/requestContext/http/method").ok_or_else(|| event_error("the request has no method"))?;
    let path = text("/rawPath").or_else(|| text("/requestContext/http/path")).unwrap_or("/");
    let body = match (text("/body"), event.get("isBase64Encoded").and_then(Json::as_bool)) {
        (None, _) => String::new(),
        (Some(body), Some(true)) => {
            let bytes = base64::engine::general_purpose::STANDARD
                .decode(body)
                .map_err(|e| event_error(format!("the request body is not base64: {e}")))?;
            String::from_utf8_lossy(&bytes).into_owned()
        }
        (Some(body), _) => body.to_string(),
    };
    let mut fields = wing_std::Entries::default();
    fields.insert("method".to_string(), Value::str(method));
    fields.insert("path".to_string(), Value::str(path));
    fields.insert("query".to_string(), strings(event.get("queryStringParameters"), |name| name.to_string()));
    fields.insert("vars".to_string(), strings(event.get("pathParameters"), |name| name.to_string()));
    fields.insert("headers".to_string(), strings(event.get("headers"), str::to_ascii_lowercase));
    fields.insert("body".to_string(), Value::string(body));
    let response = call(vec![Value::map(fields)]).map_err(wing_error)?;
    Ok(api_response(&response))
}

/// A Json object of strings as a map value, its names as `name` gives
/// them (none: an empty map).
fn strings(object: Option<&Json>, name: fn(&str) -> String) -> Value {
    let entries = object.and_then(Json::as_object).into_iter().flatten();
    Value::map(entries.filter_map(|(k, v)| Some((name(k), Value::str(v.as_str()?)))).collect())
}

/// The payload 2.0 response of an `ApiResponse`: status 200, an empty body
/// and `text/html` unless it says, as the simulator answers.
fn api_response(response: &Value) -> Json {
    let field = |name: &str| match response {
        Value::Map(fields) => fields.borrow().get(name).cloned(),
        _ => None,
    };
    let status = match field("status") {
        Some(Value::Num(n)) if (100.0..1000.0).contains(&n) => n as u16,
        _ => 200,
    };
    let body = match field("body") {
        None | Some(Value::Nil) => String::new(),
        Some(body) => body.display(),
    };
    let mut headers = serde_json::Map::new();
    if let Some(Value::Map(ref given)) = field("headers") {
        for (name, value) in given.borrow().iter() {
            headers.insert(name.clone(), Json::String(value.display()));
        }
    }
    if !headers.keys().any(|name| name.eq_ignore_ascii_case("content-type")) {
        headers.insert("content-type".to_string(), json!("text/html; charset=utf-8"));
    }
    json!({ "statusCode": status, "headers": headers, "body": body, "isBase64Encoded": false })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Handles `event` with a handler that records its arguments and fails
    /// on the argument `"bad"`.
    fn run(trigger: Trigger, event: Json) -> (Result<Json, ErrorReport>, Vec<Vec<String>>) {
        let mut calls = Vec::new();
        let outcome = handle(&trigger, event.to_string().as_bytes(), &mut |args: Vec<Value>| {
            calls.push(args.iter().map(|a| a.to_json_text().unwrap_or_default()).collect());
            match args.first() {
                Some(Value::Str(s)) if &**s == "bad" => Err(Failure::message("bad message")),
                _ => Ok(Value::Nil),
            }
        });
        (outcome, calls)
    }

    fn queue() -> Trigger {
        Trigger::Queue { queue: "root/Default/Queue".into() }
    }

    #[test]
    fn an_sqs_batch_reports_the_messages_that_failed() {
        let record = |id: &str, body: &str| json!({ "messageId": id, "body": body, "eventSource": "aws:sqs" });
        let (outcome, calls) = run(queue(), json!({ "Records": [record("1", "a"), record("2", "bad"), record("3", "c")] }));
        assert_eq!(outcome, Ok(json!({ "batchItemFailures": [{ "itemIdentifier": "2" }] })));
        assert_eq!(calls, [["\"a\""], ["\"bad\""], ["\"c\""]]);
    }

    #[test]
    fn an_event_of_another_kind_is_an_event_error() {
        let (outcome, calls) = run(queue(), json!({ "Records": [{ "EventSource": "aws:sns", "Sns": { "Message": "m" } }] }));
        assert_eq!(outcome.unwrap_err().error_type, "EventError");
        assert!(calls.is_empty());
        let schedule = Trigger::Schedule { schedule: "root/Default/Schedule".into() };
        assert_eq!(run(schedule, json!([1, 2])).0.unwrap_err().error_type, "EventError");
    }

    #[test]
    fn an_event_that_is_not_json_is_an_event_error() {
        let outcome = handle(&Trigger::Invoke, b"{not json", &mut |_| Ok(Value::Nil));
        let error = outcome.unwrap_err();
        assert_eq!(error.error_type, "EventError");
        assert!(error.message.starts_with("the event is not Json"), "{}", error.message);
    }

    #[test]
    fn a_created_object_is_an_update_for_an_update_handler() {
        let event = |kind: &str| json!({ "source": "aws.s3", "detail-type": kind, "detail": { "object": { "key": "a b.txt" } } });
        let trigger = |events: &[&str]| Trigger::Bucket {
            bucket: "root/Default/Bucket".into(),
            events: events.iter().map(|e| e.to_string()).collect(),
        };
        assert_eq!(run(trigger(&["create", "update"]), event("Object Created")).1, [["\"a b.txt\"", "\"CREATE\""]]);
        assert_eq!(run(trigger(&["update"]), event("Object Created")).1, [["\"a b.txt\"", "\"UPDATE\""]]);
        assert_eq!(run(trigger(&["delete"]), event("Object Deleted")).1, [["\"a b.txt\"", "\"DELETE\""]]);
        assert_eq!(run(trigger(&["delete"]), event("Object Created")).0.unwrap_err().error_type, "EventError");
    }

    #[test]
    fn an_api_response_defaults_to_html() {
        let response = Value::map([("status".to_string(), Value::Num(201.0))].into_iter().collect());
        assert_eq!(
            api_response(&response),
            json!({ "statusCode": 201, "headers": { "content-type": "text/html; charset=utf-8" }, "body": "", "isBase64Encoded": false })
        );
    }
}
