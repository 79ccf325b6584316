//! The real `bootstrap` against a Runtime API harness on 127.0.0.1: the
//! app in `tests/app/main.w` is compiled by the tf-aws target (the driver
//! `wingc compile -t tf-aws` calls, with bundles precompiled and this
//! `bootstrap` packed as `wingc` packs them), the runtime layer's zip and a
//! function's zip are unpacked as Lambda unpacks them, and the layer's
//! `bootstrap` runs with the environment its Terraform gives it. Each test
//! feeds events and checks what the runtime posts; the tests of resource
//! operations point `bootstrap` at a moto server
//! (`AWS_ENDPOINT_URL`) and check what the handler did in it; those of
//! `Function.invoke` point it at a stand-in of Lambda's Invoke API
//! (`AWS_ENDPOINT_URL_LAMBDA`) which runs the invoked function in a second
//! `bootstrap`.

mod harness;
mod lambda_service;
mod moto;

use harness::{Posted, RuntimeApi};
use lambda_service::{LambdaService, Received, Served};
use moto::Moto;
use serde_json::{Value as Json, json};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::OnceLock;
use wingc::driver::{Compiled, Input, compile_tf_aws};
use wingc::targets::tf_aws::Packing;

const APP: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/app/main.w");
const HELLO: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../examples/hello/main.w");
const BOOTSTRAP: &str = env!("CARGO_BIN_EXE_bootstrap");

/// The environment that sends a `bootstrap`'s AWS calls to `endpoint`
/// (`variable`: the SDK's endpoint variable, for all services or for
/// one), with dummy credentials.
fn aws_env(variable: &str, endpoint: &str) -> Vec<(String, String)> {
    [(variable, endpoint), ("AWS_ACCESS_KEY_ID", "test"), ("AWS_SECRET_ACCESS_KEY", "test"), ("AWS_REGION", "us-east-1")]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect()
}

/// The app compiled for tf-aws, once: its output folder.
fn compiled() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| compile(APP, "lambda-app"))
}

/// The hello example compiled for tf-aws, once.
fn hello() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| compile(HELLO, "lambda-hello"))
}

/// The program `file` compiled and written to a folder named `label`.
fn compile(file: &str, label: &str) -> PathBuf {
    let text = std::fs::read_to_string(file).expect("read the app");
    let runtime = std::fs::read(BOOTSTRAP).expect("the bootstrap executable");
    let precompile = |wasm: &[u8]| wing_runtime::precompile(wasm).map_err(|e| e.0);
    let packing = Packing { precompile: Some(&precompile), runtime: Some(&runtime) };
    let input = Input { name: "main.w", text: &text, dir: Path::new(file).parent(), out_dir: None };
    let app = match compile_tf_aws(input, packing) {
        Compiled::Ok { app, .. } => app,
        Compiled::Failed { sources, diagnostics } => {
            panic!("the app does not compile:\n{}", wingc::diagnostics::render(&diagnostics, &sources))
        }
    };
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(format!("{label}-{}", std::process::id()));
    wingc::targets::tf_aws::write(&app, &dir).expect("write the target folder");
    dir
}

/// The runtime layer unpacked once, as Lambda unpacks a layer into `/opt`.
fn layer() -> &'static Path {
    static DIR: OnceLock<PathBuf> = OnceLock::new();
    DIR.get_or_init(|| {
        let zip = std::fs::read(compiled().join("assets/runtime.zip")).expect("the runtime layer's zip");
        let dir = compiled().join("opt");
        zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip").extract(&dir).expect("unpack the layer");
        dir
    })
}

/// The function `name` (its Terraform name) unpacked into a folder of its
/// own for `test`, as Lambda unpacks it into `/var/task`.
fn unpack(name: &str, test: &str) -> PathBuf {
    unpack_from(compiled(), name, test)
}

/// The function `name` of the app compiled to `app` unpacked for `test`.
fn unpack_from(app: &Path, name: &str, test: &str) -> PathBuf {
    let zip = std::fs::read(app.join(format!("assets/{name}.zip"))).expect("the function's zip");
    let dir = app.join("task").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip").extract(&dir).expect("unpack the zip");
    dir
}

/// The value of the Terraform variable `name_prefix` the tests deploy with.
const NAME_PREFIX: &str = "wing-test";

/// The Terraform of the app compiled to `app`.
fn terraform(app: &Path) -> Json {
    let text = std::fs::read_to_string(app.join("main.tf.json")).expect("main.tf.json");
    serde_json::from_str(&text).expect("Terraform JSON")
}

/// A string of Terraform with `${var.name_prefix}` filled in; `None` when
/// it still takes a value from another resource.
fn resolved(value: &str) -> Option<String> {
    let value = value.replace("${var.name_prefix}", NAME_PREFIX);
    (!value.contains("${")).then_some(value)
}

/// The environment Terraform gives the function `name` unpacked in
/// `task_root` (`<app>/task/<test>`); a value Terraform fills from another
/// resource gets a made-up one.
fn terraform_env(task_root: &Path, name: &str) -> Vec<(String, String)> {
    let app = task_root.ancestors().nth(2).expect("an unpacked task");
    let terraform = terraform(app);
    let variables = &terraform["resource"]["aws_lambda_function"][name]["environment"][0]["variables"];
    let variables = variables.as_object().unwrap_or_else(|| panic!("no environment for the function {name}"));
    variables
        .iter()
        .map(|(key, value)| {
            let value = value.as_str().expect("a string variable");
            (key.clone(), resolved(value).unwrap_or_else(|| format!("made-up-{}", key.to_ascii_lowercase())))
        })
        .collect()
}

/// The name Terraform deploys the app's function `name` (its Terraform
/// name) under.
fn function_name(name: &str) -> String {
    let terraform = terraform(compiled());
    let value = terraform["resource"]["aws_lambda_function"][name]["function_name"].as_str();
    resolved(value.unwrap_or_else(|| panic!("no function {name} in the Terraform"))).expect("a name of the prefix alone")
}

/// A running `bootstrap` and the Runtime API it talks to; the process is
/// killed when dropped (a failed test leaves none behind).
struct Lambda {
    api: RuntimeApi,
    process: Option<Child>,
}

impl Lambda {
    /// Starts `bootstrap` for the function `name` unpacked in `task_root`.
    fn start(name: &str, task_root: &Path) -> Lambda {
        Lambda::start_with(name, task_root, &[])
    }

    /// Starts `bootstrap` with `extra` variables over those of Terraform
    /// (the real names of resources, where to reach AWS).
    fn start_with(name: &str, task_root: &Path, extra: &[(String, String)]) -> Lambda {
        let api = RuntimeApi::start();
        let process = Command::new(layer().join("bootstrap"))
            .env_clear()
            .envs(terraform_env(task_root, name))
            .env("AWS_LAMBDA_RUNTIME_API", &api.address)
            .env("LAMBDA_TASK_ROOT", task_root)
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "128")
            .env("AWS_SECRET_ACCESS_KEY", "never-seen-by-inflight-code")
            .envs(extra.iter().cloned())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .expect("start bootstrap");
        Lambda { api, process: Some(process) }
    }

    fn invoke(&mut self, event: &Json) -> Posted {
        self.api.invoke(&event.to_string())
    }

    /// Stops the process; gives what it printed (stdout, stderr).
    fn stop(mut self) -> (String, String) {
        let mut process = self.process.take().expect("a process");
        let _ = process.kill();
        let output = process.wait_with_output().expect("bootstrap ends");
        (String::from_utf8_lossy(&output.stdout).into_owned(), String::from_utf8_lossy(&output.stderr).into_owned())
    }

    /// Waits for the process to exit on its own; gives its exit code.
    fn exit_code(mut self) -> Option<i32> {
        self.process.take().expect("a process").wait().expect("bootstrap exits").code()
    }
}

impl Drop for Lambda {
    fn drop(&mut self) {
        if let Some(process) = &mut self.process {
            let _ = process.kill();
            let _ = process.wait();
        }
    }
}

fn response(body: Json) -> Posted {
    Posted::Response { request_id: String::new(), body }
}

/// What was posted, without the request id (checked by the harness).
fn without_id(posted: Posted) -> Posted {
    match posted {
        Posted::Response { body, .. } => response(body),
        Posted::Error { error_type, body, .. } => Posted::Error { request_id: String::new(), error_type, body },
        other => other,
    }
}

/// The 1-based line and column of the first `needle` in the app.
fn position(needle: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(APP).expect("read the app");
    text.lines()
        .enumerate()
        .find_map(|(i, line)| line.find(needle).map(|column| (i + 1, column + 1)))
        .unwrap_or_else(|| panic!("`{needle}` is not in the app"))
}

#[test]
fn a_function_answers_json_with_json_and_logs() {
    let mut lambda = Lambda::start("greet", &unpack("greet", "greet"));
    let answer = lambda.invoke(&json!({ "name": "Ada" }));
    assert_eq!(without_id(answer), response(json!({ "greeting": "Hello, Ada!", "stage": "test" })));
    let answer = lambda.invoke(&json!(null));
    assert_eq!(without_id(answer), response(json!({ "greeting": "Hello, nobody!", "stage": "test" })));
    let (stdout, stderr) = lambda.stop();
    assert_eq!(stdout, "greeting Ada\ngreeting nobody\n");
    assert!(stderr.contains("root/Default/greet: loaded from bundle.cwasm"), "{stderr}");
}

#[test]
fn a_failing_handler_reports_its_message_and_w_stack_trace() {
    let mut lambda = Lambda::start("limit", &unpack("limit", "limit"));
    assert_eq!(without_id(lambda.invoke(&json!({ "amount": 3 }))), response(json!("fine")));
    let (throw_line, throw_column) = position("throw \"{amount} is too much\"");
    let (call_line, call_column) = position("check(event?");
    let Posted::Error { error_type, body, .. } = lambda.invoke(&json!({ "amount": 12 })) else {
        panic!("the invocation should fail")
    };
    assert_eq!(error_type.as_deref(), Some("WingError"));
    assert_eq!(body["errorMessage"], "12 is too much");
    assert_eq!(body["errorType"], "WingError");
    let trace: Vec<&str> = body["stackTrace"].as_array().expect("a trace").iter().filter_map(Json::as_str).collect();
    assert_eq!(trace.len(), 2, "{trace:?}");
    assert!(trace[0].starts_with(&format!("at main.w:{throw_line}:{throw_column} (")), "{trace:?}");
    assert!(trace[1].starts_with(&format!("at main.w:{call_line}:{call_column} (")), "{trace:?}");
    // The runtime goes on after a failure.
    assert_eq!(without_id(lambda.invoke(&json!({ "amount": 1 }))), response(json!("fine")));
    let (_, stderr) = lambda.stop();
    assert!(stderr.contains("error: 12 is too much\n  at main.w:"), "{stderr}");
}

#[test]
fn an_sqs_batch_reports_the_message_that_failed() {
    let mut lambda = Lambda::start("jobs_Consumer0", &unpack("jobs_Consumer0", "consumer"));
    let record = |id: &str, body: &str| {
        json!({ "messageId": id, "receiptHandle": "r", "body": body, "attributes": {}, "messageAttributes": {},
                "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:jobs", "awsRegion": "us-east-1" })
    };
    let batch = json!({ "Records": [record("m1", "first"), record("m2", "poison"), record("m3", "third")] });
    assert_eq!(without_id(lambda.invoke(&batch)), response(json!({ "batchItemFailures": [{ "itemIdentifier": "m2" }] })));
    let (stdout, stderr) = lambda.stop();
    assert_eq!(stdout, "handled first\nhandled third\n");
    assert!(stderr.contains("error: message m2 failed: cannot handle poison\n  at main.w:"), "{stderr}");
}

/// An API Gateway HTTP API (payload 2.0) request of `GET /hello/{name}`.
fn api_event(name: &str, query: &str) -> Json {
    json!({
        "version": "2.0",
        "routeKey": "GET /hello/{name}",
        "rawPath": format!("/hello/{name}"),
        "rawQueryString": format!("q={query}"),
        "headers": { "user-agent": "harness", "accept": "*/*" },
        "queryStringParameters": { "q": query },
        "pathParameters": { "name": name },
        "requestContext": { "http": { "method": "GET", "path": format!("/hello/{name}"), "sourceIp": "127.0.0.1" }, "stage": "$default" },
        "isBase64Encoded": false
    })
}

#[test]
fn an_api_route_answers_an_api_gateway_event() {
    let mut lambda = Lambda::start("web_OnRequest0", &unpack("web_OnRequest0", "api"));
    let Posted::Response { body, .. } = lambda.invoke(&api_event("ada", "1")) else { panic!("the route should answer") };
    assert_eq!(body["statusCode"], 200);
    assert_eq!(body["headers"], json!({ "content-type": "application/json" }));
    let sent: Json = serde_json::from_str(body["body"].as_str().expect("a body")).expect("Json");
    assert_eq!(sent, json!({ "name": "ada", "q": "1", "agent": "harness" }));
    lambda.stop();
}

#[test]
fn a_bad_event_is_reported_and_the_runtime_goes_on() {
    let mut lambda = Lambda::start("web_OnRequest0", &unpack("web_OnRequest0", "bad-events"));
    let Posted::Error { error_type, body, .. } = lambda.invoke(&json!({ "Records": [] })) else { panic!("an error") };
    assert_eq!((error_type.as_deref(), &body["errorType"]), (Some("EventError"), &json!("EventError")));
    assert_eq!(body["errorMessage"], "the event is not an API Gateway payload 2.0");
    let Posted::Error { body, .. } = lambda.api.invoke("{\"version\": \"2.0\", ") else { panic!("an error") };
    assert!(body["errorMessage"].as_str().expect("a message").starts_with("the event is not Json"), "{body}");
    let Posted::Response { body, .. } = lambda.invoke(&api_event("bo", "2")) else { panic!("the route should answer") };
    assert_eq!(body["statusCode"], 200);
    lambda.stop();
}

#[test]
fn the_layer_holds_the_runtime_as_an_executable() {
    use std::os::unix::fs::PermissionsExt;
    let zip = std::fs::read(compiled().join("assets/runtime.zip")).expect("the runtime layer's zip");
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(zip)).expect("a zip");
    assert_eq!(archive.len(), 1);
    assert_eq!(archive.by_index(0).expect("an entry").name().expect("a name"), "bootstrap");
    assert_eq!(archive.by_name("bootstrap").expect("bootstrap").unix_mode().map(|mode| mode & 0o777), Some(0o755));
    let unpacked = layer().join("bootstrap");
    assert_eq!(std::fs::metadata(&unpacked).expect("unpacked").permissions().mode() & 0o111, 0o111);
    assert!(std::fs::read(unpacked).expect("unpacked") == std::fs::read(BOOTSTRAP).expect("built"), "not the built runtime");
}

#[test]
fn a_precompiled_bundle_is_used_and_a_foreign_one_is_not() {
    let task = unpack("greet", "precompiled");
    assert!(task.join("bundle.cwasm").is_file(), "the zip holds no bundle.cwasm");
    let mut lambda = Lambda::start("greet", &task);
    assert_eq!(
        without_id(lambda.invoke(&json!({ "name": "Bo" }))),
        response(json!({ "greeting": "Hello, Bo!", "stage": "test" }))
    );
    let (_, stderr) = lambda.stop();
    assert!(stderr.contains("loaded from bundle.cwasm"), "{stderr}");

    let task = unpack("greet", "foreign-precompiled");
    std::fs::write(task.join("bundle.cwasm"), b"\x7fELF not made by this engine").expect("write bundle.cwasm");
    let mut lambda = Lambda::start("greet", &task);
    assert_eq!(
        without_id(lambda.invoke(&json!({ "name": "Cy" }))),
        response(json!({ "greeting": "Hello, Cy!", "stage": "test" }))
    );
    let (_, stderr) = lambda.stop();
    assert!(stderr.contains("bundle.cwasm was not made for this runtime"), "{stderr}");
    assert!(stderr.contains("loaded from bundle.wasm"), "{stderr}");

    let task = unpack("greet", "not-precompiled");
    std::fs::remove_file(task.join("bundle.cwasm")).expect("remove bundle.cwasm");
    let mut lambda = Lambda::start("greet", &task);
    assert_eq!(
        without_id(lambda.invoke(&json!({ "name": "Di" }))),
        response(json!({ "greeting": "Hello, Di!", "stage": "test" }))
    );
    let (_, stderr) = lambda.stop();
    assert!(stderr.contains("loaded from bundle.wasm") && !stderr.contains("was not made"), "{stderr}");
}

#[test]
fn a_function_that_cannot_start_reports_an_init_error_and_exits() {
    let task = unpack("store", "init-error");
    let lambda = Lambda::start("greet", &task); // without the bucket's variable
    let posted = lambda.api.posted();
    assert_eq!(lambda.exit_code(), Some(1));
    let Posted::InitError { error_type, body } = posted else { panic!("an init error, not {posted:?}") };
    assert_eq!(error_type.as_deref(), Some("InitError"));
    let config: Json = serde_json::from_slice(&std::fs::read(task.join("wing.json")).expect("wing.json")).expect("Json");
    let variable = config["resources"]["root/Default/uploads"]["env"]["name"].as_str().expect("the bucket's variable");
    assert_eq!(
        body["errorMessage"].as_str().expect("a message"),
        format!("the environment variable {variable} (name of root/Default/uploads) is not set")
    );
}

#[test]
fn a_topic_subscriber_gets_each_sns_message() {
    let mut lambda = Lambda::start("news_OnMessage0", &unpack("news_OnMessage0", "topic"));
    let record = |message: &str| {
        json!({ "EventSource": "aws:sns", "EventVersion": "1.0",
                "Sns": { "Type": "Notification", "MessageId": "n1", "TopicArn": "arn:aws:sns:us-east-1:123456789012:news", "Message": message } })
    };
    assert_eq!(without_id(lambda.invoke(&json!({ "Records": [record("one"), record("two")] }))), response(json!(null)));
    let (stdout, _) = lambda.stop();
    assert_eq!(stdout, "news: one\nnews: two\n");
}

#[test]
fn a_schedule_handler_runs_on_each_eventbridge_tick() {
    let mut lambda = Lambda::start("ticks_OnTick0", &unpack("ticks_OnTick0", "schedule"));
    let tick = json!({ "version": "0", "id": "t1", "detail-type": "Scheduled Event", "source": "aws.events",
                       "account": "123456789012", "time": "2025-01-01T00:00:00Z", "region": "us-east-1",
                       "resources": ["arn:aws:events:us-east-1:123456789012:rule/ticks"], "detail": {} });
    assert_eq!(without_id(lambda.invoke(&tick)), response(json!(null)));
    assert_eq!(without_id(lambda.invoke(&tick)), response(json!(null)));
    let (stdout, _) = lambda.stop();
    assert_eq!(stdout, "tick\ntick\n");
}

/// The environment variable that holds `attribute` of the resource at
/// `path`, as the function's config in `task_root` names it.
fn variable(task_root: &Path, path: &str, attribute: &str) -> String {
    let config: Json = serde_json::from_slice(&std::fs::read(task_root.join("wing.json")).expect("wing.json")).expect("Json");
    let variable = config["resources"][path]["env"][attribute].as_str();
    variable.unwrap_or_else(|| panic!("the config names no variable for {attribute} of {path}")).to_string()
}

/// The function `name` running on moto: `resources` are (path, attribute,
/// value) of what the test created there.
fn on_moto(moto: &Moto, name: &str, test: &str, resources: &[(&str, &str, String)]) -> Lambda {
    let task = unpack(name, test);
    let mut env = moto.env();
    env.extend(resources.iter().map(|(path, attribute, value)| (variable(&task, path, attribute), value.clone())));
    Lambda::start_with(name, &task, &env)
}

fn answer(posted: Posted) -> Json {
    match posted {
        Posted::Response { body, .. } => body,
        other => panic!("the invocation should answer, not {other:?}"),
    }
}

#[test]
fn bucket_operations_run_on_s3() {
    let moto = Moto::start();
    let s3 = moto.s3();
    moto.run(s3.create_bucket().bucket("uploads-bucket").send());
    let mut lambda = on_moto(&moto, "files", "s3", &[("root/Default/uploads", "name", "uploads-bucket".into())]);
    let body = answer(lambda.invoke(&json!({})));
    assert_eq!(
        body,
        json!({
            "one": "one", "middle": "n", "two": { "n": 2 }, "nothing": true, "copied": false, "moved": true,
            "keys": ["a/one.txt", "a/two.json"], "type": "application/json", "size": 3,
            "deleted": true, "deletedAgain": false,
            "missing": "Object does not exist (key=nope.txt).", "deleteMissing": "Object does not exist (key=nope.txt)."
        })
    );
    let listed = moto.run(s3.list_objects_v2().bucket("uploads-bucket").send());
    let keys: Vec<&str> = listed.contents().iter().filter_map(|o| o.key()).collect();
    assert_eq!(keys, ["a/one.txt", "a/two.json"]);
    let object = moto.run(s3.get_object().bucket("uploads-bucket").key("a/one.txt").send());
    assert_eq!(object.content_type(), Some("text/plain"));
    let bytes = moto.run(object.body.collect()).into_bytes();
    assert_eq!(&bytes[..], b"one");
    lambda.stop();
}

#[test]
fn the_hello_handler_puts_its_object_in_s3() {
    let moto = Moto::start();
    let s3 = moto.s3();
    moto.run(s3.create_bucket().bucket("hello-uploads").send());
    let mut lambda = on_moto(&moto, "store", "store", &[("root/Default/uploads", "name", "hello-uploads".into())]);
    assert_eq!(answer(lambda.invoke(&json!({}))), json!(null));
    let object = moto.run(s3.get_object().bucket("hello-uploads").key("greeting.txt").send());
    assert_eq!(&moto.run(object.body.collect()).into_bytes()[..], b"hello");
    lambda.stop();
}

#[test]
fn a_consumer_given_an_sqs_batch_puts_each_message_in_s3() {
    let moto = Moto::start();
    let s3 = moto.s3();
    moto.run(s3.create_bucket().bucket("orders-uploads").send());
    let bucket = [("root/Default/uploads", "name", "orders-uploads".to_string())];
    let mut lambda = on_moto(&moto, "orders_Consumer0", "orders", &bucket);
    let record = |id: &str, body: &str| {
        json!({ "messageId": id, "receiptHandle": "r", "body": body, "attributes": {}, "messageAttributes": {},
                "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:orders", "awsRegion": "us-east-1" })
    };
    let batch = json!({ "Records": [record("m1", "7"), record("m2", "8")] });
    assert_eq!(answer(lambda.invoke(&batch)), json!({ "batchItemFailures": [] }));
    let object = moto.run(s3.get_object().bucket("orders-uploads").key("orders/8.txt").send());
    assert_eq!(&moto.run(object.body.collect()).into_bytes()[..], b"received 8");
    let listed = moto.run(s3.list_objects_v2().bucket("orders-uploads").send());
    assert_eq!(listed.contents().iter().filter_map(|o| o.key()).collect::<Vec<_>>(), ["orders/7.txt", "orders/8.txt"]);
    lambda.stop();
}

#[test]
fn the_hello_examples_consumer_puts_its_object_in_s3() {
    let moto = Moto::start();
    let s3 = moto.s3();
    moto.run(s3.create_bucket().bucket("hello-bucket").send());
    let task = unpack_from(hello(), "Queue_Consumer0", "hello");
    let mut env = moto.env();
    env.push((variable(&task, "root/Default/Bucket", "name"), "hello-bucket".to_string()));
    let mut lambda = Lambda::start_with("Queue_Consumer0", &task, &env);
    let record = json!({ "messageId": "m1", "receiptHandle": "r", "body": "world", "attributes": {}, "messageAttributes": {},
        "eventSource": "aws:sqs", "eventSourceARN": "arn:aws:sqs:us-east-1:123456789012:hello", "awsRegion": "us-east-1" });
    assert_eq!(answer(lambda.invoke(&json!({ "Records": [record] }))), json!({ "batchItemFailures": [] }));
    let object = moto.run(s3.get_object().bucket("hello-bucket").key("out/world.txt").send());
    assert_eq!(&moto.run(object.body.collect()).into_bytes()[..], b"Hello, world!");
    let (_, stderr) = lambda.stop();
    assert!(stderr.contains("loaded from bundle.cwasm"), "{stderr}");
}

#[test]
fn an_ungranted_operation_is_refused_before_aws_is_called() {
    let moto = Moto::start();
    let s3 = moto.s3();
    moto.run(s3.create_bucket().bucket("guarded").send());
    let task = unpack("store", "ungranted");
    let config_file = task.join("wing.json");
    let mut config: Json = serde_json::from_slice(&std::fs::read(&config_file).expect("wing.json")).expect("Json");
    assert!(revoke(&mut config["bundle"]["lifts"], "root/Default/uploads", "put"), "the handle grants put");
    std::fs::write(&config_file, config.to_string()).expect("write wing.json");
    let mut env = moto.env();
    env.push((variable(&task, "root/Default/uploads", "name"), "guarded".into()));
    let mut lambda = Lambda::start_with("store", &task, &env);
    let Posted::Error { body, .. } = lambda.invoke(&json!({})) else { panic!("the invocation should fail") };
    assert_eq!(body["errorMessage"], "capability error: root/Default/uploads does not grant \"put\"");
    let listed = moto.run(s3.list_objects_v2().bucket("guarded").send());
    assert!(listed.contents().is_empty(), "nothing reached S3");
    lambda.stop();
}

/// Removes `operation` from the handles on `path` in lifted values; gives
/// whether one granted it.
fn revoke(lifted: &mut Json, path: &str, operation: &str) -> bool {
    match lifted {
        Json::Object(fields) if fields.get("path").and_then(Json::as_str) == Some(path) => {
            let Some(Json::Array(ops)) = fields.get_mut("ops") else { return false };
            let before = ops.len();
            ops.retain(|op| op != operation);
            ops.len() < before
        }
        Json::Object(fields) => revoke_in(fields.values_mut(), path, operation),
        Json::Array(items) => revoke_in(items.iter_mut(), path, operation),
        _ => false,
    }
}

/// [`revoke`] in every one of `values` (all of them, not up to the first).
fn revoke_in<'a>(values: impl Iterator<Item = &'a mut Json>, path: &str, operation: &str) -> bool {
    let mut found = false;
    for value in values {
        found |= revoke(value, path, operation);
    }
    found
}

#[test]
fn a_counter_incremented_twice_reads_two_more_from_dynamodb() {
    let moto = Moto::start();
    let dynamodb = moto.dynamodb();
    create_table(&moto, "hits-table", "id");
    let mut lambda = on_moto(&moto, "count", "counter", &[("root/Default/hits", "table", "hits-table".into())]);
    assert_eq!(answer(lambda.invoke(&json!({}))), json!({ "before": 10, "now": 11, "other": 7 }));
    assert_eq!(answer(lambda.invoke(&json!({}))), json!({ "before": 11, "now": 12, "other": 4 }));
    let key = aws_sdk_dynamodb::types::AttributeValue::S("default".into());
    let item = moto.run(dynamodb.get_item().table_name("hits-table").key("id", key).send());
    let value = item.item().and_then(|item| item.get("value")).and_then(|v| v.as_n().ok()).cloned();
    assert_eq!(value.as_deref(), Some("12"));
    lambda.stop();
}

fn create_table(moto: &Moto, name: &str, key: &str) {
    use aws_sdk_dynamodb::types::{AttributeDefinition, BillingMode, KeySchemaElement, KeyType, ScalarAttributeType};
    let attribute = AttributeDefinition::builder().attribute_name(key).attribute_type(ScalarAttributeType::S).build();
    let schema = KeySchemaElement::builder().attribute_name(key).key_type(KeyType::Hash).build();
    moto.run(
        moto.dynamodb()
            .create_table()
            .table_name(name)
            .attribute_definitions(attribute.expect("an attribute"))
            .key_schema(schema.expect("a key"))
            .billing_mode(BillingMode::PayPerRequest)
            .send(),
    );
}

#[test]
fn queue_and_topic_operations_run_on_sqs_and_sns() {
    let moto = Moto::start();
    let (sqs, sns) = (moto.sqs(), moto.sns());
    let outbox = moto.run(sqs.create_queue().queue_name("outbox").send()).queue_url().expect("a URL").to_string();
    let topic = moto.run(sns.create_topic().name("news").send()).topic_arn().expect("an ARN").to_string();
    // The topic's messages, seen through a queue subscribed to it.
    let tap = moto.run(sqs.create_queue().queue_name("news-tap").send()).queue_url().expect("a URL").to_string();
    moto.run(sns.subscribe().topic_arn(&topic).protocol("sqs").endpoint("arn:aws:sqs:us-east-1:123456789012:news-tap").send());
    let resources = [("root/Default/outbox", "url", outbox.clone()), ("root/Default/news", "arn", topic)];
    let mut lambda = on_moto(&moto, "messages", "messaging", &resources);
    let body = answer(lambda.invoke(&json!({})));
    assert_eq!(body["size"], 2);
    assert_eq!(body["empty"], "Empty messages are not allowed");
    let popped = body["popped"].as_str().expect("a popped message").to_string();
    let left = moto.run(sqs.receive_message().queue_url(&outbox).max_number_of_messages(10).send());
    let mut bodies: Vec<&str> = left.messages().iter().filter_map(|m| m.body()).collect();
    bodies.push(&popped);
    bodies.sort();
    assert_eq!(bodies, ["one", "two"], "one message popped, the other left");
    let tapped = moto.run(sqs.receive_message().queue_url(&tap).max_number_of_messages(10).send());
    let notes: Vec<Json> =
        tapped.messages().iter().filter_map(|m| m.body()).map(|b| serde_json::from_str(b).expect("an SNS envelope")).collect();
    assert_eq!(notes.iter().map(|n| n["Message"].clone()).collect::<Vec<_>>(), [json!("extra!")]);
    lambda.stop();
}

#[test]
fn a_secret_is_read_from_secrets_manager() {
    let moto = Moto::start();
    let secrets = moto.secrets();
    let created = moto.run(secrets.create_secret().name("token").secret_string(r#"{"user":"ada"}"#).send());
    let arn = created.arn().expect("an ARN").to_string();
    let mut lambda = on_moto(&moto, "reveal", "secret", &[("root/Default/token", "arn", arn)]);
    assert_eq!(answer(lambda.invoke(&json!({}))), json!({ "token": "{\"user\":\"ada\"}", "parsed": "ada" }));
    lambda.stop();
}

#[test]
fn table_rows_are_native_dynamodb_items() {
    let moto = Moto::start();
    create_table(&moto, "people-table", "id");
    let mut lambda = on_moto(&moto, "census", "table", &[("root/Default/directory", "table", "people-table".into())]);
    let ada = json!({ "born": 1815, "name": "Ada", "id": "ada" });
    assert_eq!(
        answer(lambda.invoke(&json!({}))),
        json!({
            "ada": ada, "bo": null, "all": [ada],
            "twice": "Row already exists (key=ada) in table people",
            "absent": "Row does not exist (key=cy) in table people"
        })
    );
    let key = aws_sdk_dynamodb::types::AttributeValue::S("ada".into());
    let item = moto.run(moto.dynamodb().get_item().table_name("people-table").key("id", key).send());
    let born = item.item().and_then(|item| item.get("born")).and_then(|v| v.as_n().ok()).cloned();
    assert_eq!(born.as_deref(), Some("1815"));
    lambda.stop();
}

impl lambda_service::Function for Lambda {
    fn invoke(&mut self, payload: &str) -> Posted {
        self.api.invoke(payload)
    }
}

/// The function `double` running behind a Lambda service stand-in, for
/// `test`, under the name Terraform gives it.
fn lambda_with_double(test: &str) -> LambdaService<Lambda> {
    let double = Lambda::start("double", &unpack("double", &format!("{test}-double")));
    LambdaService::start([(function_name("double"), double)])
}

/// The environment of a caller of the service: its Lambda calls go to the
/// service, and every other service's to an address where nothing listens
/// (`AWS_ENDPOINT_URL`), so a call sent there would fail.
fn calling(service: &LambdaService<Lambda>) -> Vec<(String, String)> {
    let nowhere = std::net::TcpListener::bind("127.0.0.1:0").and_then(|l| l.local_addr()).expect("a free port");
    let mut env = service.env();
    env.push(("AWS_ENDPOINT_URL".into(), format!("http://{nowhere}")));
    env
}

/// A request of `invocation_type` to `double` as the caller signs it.
fn to_double(invocation_type: &str, payload: Json) -> Received {
    Received {
        function: function_name("double"),
        invocation_type: invocation_type.into(),
        payload,
        signed_for: Some("us-east-1/lambda".into()),
    }
}

/// What `double` posted for `payload`.
fn double_served(payload: Json, posted: Posted) -> Served {
    Served { function: function_name("double"), payload, posted: without_id(posted) }
}

/// `served` without the request ids (checked by the harness).
fn served_without_ids(served: Vec<Served>) -> Vec<Served> {
    served.into_iter().map(|s| Served { posted: without_id(s.posted), ..s }).collect()
}

#[test]
fn invoke_runs_the_other_function_through_lambda_and_gives_its_json_or_its_error() {
    let service = lambda_with_double("invoke");
    let mut relay = Lambda::start_with("relay", &unpack("relay", "invoke-relay"), &calling(&service));
    // 3: `double` fails for -3 (caught), then doubles 3.
    assert_eq!(answer(relay.invoke(&json!({ "n": 3 }))), json!({ "doubled": 6, "failure": "cannot double -3" }));
    assert_eq!(
        service.received(),
        [to_double("RequestResponse", json!({ "n": -3 })), to_double("RequestResponse", json!({ "n": 3 }))]
    );
    let (throw_line, throw_column) = position("throw \"cannot double {n}\"");
    let served = served_without_ids(service.served());
    let Posted::Error { error_type, body, .. } = &served[0].posted else { panic!("double fails for -3: {served:?}") };
    assert_eq!(error_type.as_deref(), Some("WingError"));
    assert_eq!((&body["errorMessage"], &body["errorType"]), (&json!("cannot double -3"), &json!("WingError")));
    assert_eq!(body["stackTrace"].as_array().map(Vec::len), Some(1), "{body}");
    let frame = body["stackTrace"][0].as_str().expect("a frame");
    assert!(frame.starts_with(&format!("at main.w:{throw_line}:{throw_column} (")), "{frame}");
    assert_eq!(served[1], double_served(json!({ "n": 3 }), response(json!({ "doubled": 6 }))));

    // -4: `double` doubles 4, then fails for -4 outside the try: the
    // caller fails with its message, at its own statement (the callee's
    // frames stay in the callee's error).
    let Posted::Error { error_type, body, .. } = relay.invoke(&json!({ "n": -4 })) else { panic!("the caller should fail") };
    assert_eq!(error_type.as_deref(), Some("WingError"));
    assert_eq!((&body["errorMessage"], &body["errorType"]), (&json!("cannot double -4"), &json!("WingError")));
    let (call_line, call_column) = position("let answer = double.invoke");
    let trace: Vec<&str> = body["stackTrace"].as_array().expect("a trace").iter().filter_map(Json::as_str).collect();
    assert_eq!(trace.len(), 1, "{trace:?}");
    assert!(trace[0].starts_with(&format!("at main.w:{call_line}:{call_column} (")), "{trace:?}");
    assert_eq!(
        service.received()[2..],
        [to_double("RequestResponse", json!({ "n": 4 })), to_double("RequestResponse", json!({ "n": -4 }))]
    );
    let served = served_without_ids(service.served());
    assert_eq!(served.len(), 4, "{served:?}");
    assert_eq!(served[2], double_served(json!({ "n": 4 }), response(json!({ "doubled": 8 }))));
    assert!(matches!(&served[3].posted, Posted::Error { body, .. } if body["errorMessage"] == "cannot double -4"), "{served:?}");

    let (relay_out, relay_err) = relay.stop();
    assert_eq!(relay_out, "");
    assert!(relay_err.contains("error: cannot double -4\n  at main.w:"), "{relay_err}");
    let (double_out, _) = service.stop().into_values().next().expect("double").stop();
    assert_eq!(double_out, "doubling 3\ndoubling 4\n");
}

#[test]
fn invoke_async_returns_once_lambda_accepted_the_event() {
    let service = lambda_with_double("invoke-async");
    let mut fire = Lambda::start_with("fire", &unpack("fire", "invoke-async-fire"), &calling(&service));
    assert_eq!(answer(fire.invoke(&json!({ "n": 5 }))), json!("queued"));
    // Accepted, not run yet: the caller did not wait for `double`.
    assert_eq!(service.received(), [to_double("Event", json!({ "n": 5 }))]);
    assert_eq!(service.served(), []);
    let ran = served_without_ids(service.run_queued());
    assert_eq!(ran, [double_served(json!({ "n": 5 }), response(json!({ "doubled": 10 })))]);
    fire.stop();
    let (double_out, _) = service.stop().into_values().next().expect("double").stop();
    assert_eq!(double_out, "doubling 5\n");
}

#[test]
fn invoke_of_a_function_lambda_does_not_know_is_a_wing_error() {
    let service = lambda_with_double("invoke-unknown");
    let task = unpack("relay", "invoke-unknown-relay");
    let mut env = calling(&service);
    env.push((variable(&task, "root/Default/double", "name"), "no-such-function".into()));
    let mut relay = Lambda::start_with("relay", &task, &env);
    let Posted::Error { body, .. } = relay.invoke(&json!({ "n": 1 })) else { panic!("the caller should fail") };
    // The SDK's causes, each once, without its debug dump of the response.
    assert_eq!(
        body["errorMessage"],
        "Lambda Invoke failed: service error: ResourceNotFoundException: \
         Function not found: arn:aws:lambda:us-east-1:123456789012:function:no-such-function"
    );
    let unknown = |n: i64| Received { function: "no-such-function".into(), ..to_double("RequestResponse", json!({ "n": n })) };
    assert_eq!(service.received(), [unknown(-1), unknown(1)]);
    assert_eq!(service.served(), []);
    relay.stop();
    service.stop();
}

#[test]
fn an_ungranted_invoke_is_refused_before_lambda_is_called() {
    let service = lambda_with_double("invoke-ungranted");
    let task = unpack("relay", "invoke-ungranted-relay");
    let config_file = task.join("wing.json");
    let mut config: Json = serde_json::from_slice(&std::fs::read(&config_file).expect("wing.json")).expect("Json");
    assert!(revoke(&mut config["bundle"]["lifts"], "root/Default/double", "invoke"), "the handle grants invoke");
    std::fs::write(&config_file, config.to_string()).expect("write wing.json");
    let mut relay = Lambda::start_with("relay", &task, &calling(&service));
    let Posted::Error { body, .. } = relay.invoke(&json!({ "n": 2 })) else { panic!("the invocation should fail") };
    assert_eq!(body["errorMessage"], "capability error: root/Default/double does not grant \"invoke\"");
    assert_eq!(service.received(), [], "nothing reached Lambda");
    relay.stop();
    service.stop();
}

#[test]
fn invoke_async_of_a_throttled_function_is_the_simulators_too_many_requests_error() {
    let service = lambda_with_double("invoke-throttled");
    service.throttle(&function_name("double"));
    let mut fire = Lambda::start_with("fire", &unpack("fire", "invoke-throttled-fire"), &calling(&service));
    let Posted::Error { body, .. } = fire.invoke(&json!({ "n": 6 })) else { panic!("the caller should fail") };
    assert_eq!(body["errorMessage"], "Too many requests, the function has reached its concurrency limit.");
    // The SDK tried three times (its standard retries of a throttled call).
    assert_eq!(
        service.received(),
        [to_double("Event", json!({ "n": 6 })), to_double("Event", json!({ "n": 6 })), to_double("Event", json!({ "n": 6 }))]
    );
    assert_eq!(service.run_queued(), []);
    fire.stop();
    service.stop();
}
