//! Functions on AWS Lambda: takes every function-like resource of the
//! manifest (`cloud.Function`, every handler, `cloud.OnDeploy`), gives its
//! `aws_lambda_function` (custom runtime `provided.al2023`, the shared
//! runtime layer), its own role and log group, the environment that hands
//! it the attributes of what it uses, its asset zip, and, once every edge
//! is wired, its role's policy: logging to its own log group, the actions
//! of its grants (through [`iam::ACTIONS`]) and what its triggers need.

use super::document::{Address, literal, number};
use super::{Builder, Deployed, assets, iam, names};
use serde_json::{Map, Value as Json, json};
use std::collections::{BTreeMap, BTreeSet};
use wing_abi::lambda::{DeployedResource, LAMBDA_CONFIG_VERSION, LambdaConfig, TARGET_ENV, Trigger};
use wing_abi::{EdgeKind, LiftedValue, Resource};

/// Lambda's limits and Wing's defaults.
const DEFAULT_TIMEOUT_SECONDS: f64 = 60.0;
const MAX_TIMEOUT_SECONDS: f64 = 900.0;
const DEFAULT_MEMORY_MB: f64 = 1024.0;
const MEMORY_RANGE_MB: (f64, f64) = (128.0, 10240.0);
const DEFAULT_LOG_RETENTION_DAYS: u32 = 30;
/// The retention periods CloudWatch Logs accepts.
const LOG_RETENTION_DAYS: [u32; 22] =
    [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653];

/// A deployed function, as the wiring and the policy pass need it.
#[derive(Debug, Clone)]
pub struct DeployedFunction {
    pub lambda: Address,
    pub role: Address,
    pub log_group: Address,
    /// What the function's bundle may do on each resource.
    pub grants: BTreeMap<String, BTreeSet<String>>,
    /// Statements its triggers need (consuming a queue).
    pub statements: Vec<Json>,
    /// Resources that must wait for the policy (AWS checks the role's
    /// permissions when an event source mapping is created).
    pub policy_dependents: Vec<Address>,
    /// How long one invocation may run, in seconds.
    pub timeout: f64,
}

/// Reserves a function's names; its blocks are written by [`deploy_all`]
/// once every resource it may use has its address.
pub fn declare(builder: &mut Builder<'_>, resource: &Resource) -> Deployed {
    let name = names::tf_name(&resource.path);
    let lambda = builder.doc.resource("aws_lambda_function", &name, json!({}));
    let function_name = names::physical(&resource.path);
    Deployed {
        type_name: resource.type_name.clone(),
        arn: lambda.attr("arn"),
        attrs: BTreeMap::from([("name", function_name)]),
        address: lambda,
    }
}

/// Writes every function: the runtime layer they share, then each one.
pub fn deploy_all(builder: &mut Builder<'_>) {
    let functions: Vec<&Resource> = builder.input.manifest.resources.iter().filter(|r| r.bundle.is_some()).collect();
    let Some(first) = functions.first() else { return };
    let layer = runtime_layer(builder, &first.path);
    for resource in functions {
        if let Some(deployed) = builder.deployed.get(&resource.path).cloned() {
            deploy(builder, resource, &deployed, &layer);
        }
    }
}

/// The layer every function runs on, and its zip when the packing has the
/// runtime (`user` is the function an error is reported at).
fn runtime_layer(builder: &mut Builder<'_>, user: &str) -> Address {
    if let Some(executable) = builder.input.packing.runtime {
        match assets::runtime_zip(executable) {
            Ok(zip) => builder.assets.push((assets::RUNTIME_ZIP.to_string(), zip)),
            Err(error) => builder.error(user, "E0701", format!("cannot write the runtime's zip: {error}"), None),
        }
    }
    let file = format!("${{path.module}}/{}", assets::RUNTIME_ZIP);
    builder.doc.resource(
        "aws_lambda_layer_version",
        "wing_runtime",
        json!({
            "layer_name": "${var.name_prefix}-wing-runtime",
            "description": "The wingc Lambda runtime (bootstrap) that runs Wasm bundles",
            "filename": file,
            "source_code_hash": format!("${{filebase64sha256(\"{file}\")}}"),
            "compatible_runtimes": ["provided.al2023"],
            "compatible_architectures": ["x86_64"]
        }),
    )
}

fn deploy(builder: &mut Builder<'_>, resource: &Resource, deployed: &Deployed, layer: &Address) {
    let path = resource.path.as_str();
    let Some(bundle) = resource.bundle.as_ref().and_then(|id| builder.input.manifest.bundle(id)).cloned() else { return };
    let trigger = trigger(builder, resource);
    let settings = Settings::read(builder, path, &resource.props, default_timeout(builder, &trigger));
    let grants = grants(&bundle.lifts);
    check_operations(builder, path, &grants);
    let used = used_resources(builder, &bundle.lifts, &resource.props);
    let name = names::tf_name(path);
    let function_name = deployed.attrs["name"].clone();

    let log_group = builder.doc.resource(
        "aws_cloudwatch_log_group",
        &name,
        json!({ "name": format!("/aws/lambda/{function_name}"), "retention_in_days": settings.log_retention_days }),
    );
    let role = builder.doc.resource(
        "aws_iam_role",
        &name,
        json!({
            "name_prefix": format!("${{var.name_prefix}}-{}-", names::tf_name(path).chars().take(16).collect::<String>().replace('_', "-")),
            "description": format!("Runs {path}"),
            "assume_role_policy": assume_role_policy()
        }),
    );
    let zip_file = format!("assets/{}.zip", deployed.address.name);
    let file = format!("${{path.module}}/{zip_file}");
    let mut lambda = json!({
        "function_name": function_name,
        "description": format!("{path} (wingc)"),
        "role": role.attr("arn"),
        "runtime": "provided.al2023",
        "handler": "wing",
        "architectures": ["x86_64"],
        "filename": file,
        "source_code_hash": format!("${{filebase64sha256(\"{file}\")}}"),
        "layers": [layer.attr("arn")],
        "memory_size": number(settings.memory),
        "timeout": number(settings.timeout),
        "environment": [{ "variables": environment(builder, &used, &settings.env) }],
        "logging_config": [{ "log_format": "Text", "log_group": log_group.attr("name") }],
        "depends_on": [log_group.dependency()]
    });
    if let Some(concurrency) = settings.concurrency {
        lambda["reserved_concurrent_executions"] = number(concurrency);
    }
    if let Some(body) = builder.doc.body_mut(&deployed.address) {
        *body = lambda;
    }

    let config = LambdaConfig {
        version: LAMBDA_CONFIG_VERSION,
        path: path.to_string(),
        trigger,
        bundle: wing_abi::Bundle { file: wing_abi::lambda::BUNDLE_FILE.to_string(), ..bundle.clone() },
        resources: used.iter().map(|(path, d)| (path.clone(), deployed_resource(builder, path, d))).collect(),
    };
    let wasm = builder.input.bundles.iter().find(|(id, _)| *id == bundle.id).map(|(_, wasm)| wasm.as_slice()).unwrap_or(&[]);
    match assets::function_zip(&config, wasm, builder.input.packing) {
        Ok(zip) => builder.assets.push((zip_file, zip)),
        Err(error) => builder.error(path, "E0701", format!("cannot write the function's zip: {error}"), None),
    }
    builder.functions.insert(
        path.to_string(),
        DeployedFunction {
            lambda: deployed.address.clone(),
            role,
            log_group,
            grants,
            statements: Vec::new(),
            policy_dependents: Vec::new(),
            timeout: settings.timeout,
        },
    );
}

/// A function's props, checked against what Lambda accepts.
struct Settings {
    timeout: f64,
    memory: f64,
    concurrency: Option<f64>,
    log_retention_days: u32,
    env: Vec<(String, String)>,
}

impl Settings {
    fn read(builder: &mut Builder<'_>, path: &str, props: &BTreeMap<String, Json>, default_timeout: f64) -> Settings {
        let number = |name: &str| props.get(name).and_then(Json::as_f64);
        let timeout = number("timeout").unwrap_or(default_timeout).ceil();
        if timeout > MAX_TIMEOUT_SECONDS {
            builder.error(
                path,
                "E0702",
                format!("a Lambda function runs for at most 15 minutes, this one's `timeout` is {timeout} s"),
                None,
            );
        }
        let memory = number("memory").unwrap_or(DEFAULT_MEMORY_MB).ceil();
        if !(MEMORY_RANGE_MB.0..=MEMORY_RANGE_MB.1).contains(&memory) {
            builder.error(
                path,
                "E0702",
                format!("a Lambda function has 128 to 10240 MB of memory, this one's `memory` is {memory}"),
                None,
            );
        }
        let log_retention_days = match number("logRetentionDays") {
            None => DEFAULT_LOG_RETENTION_DAYS,
            Some(days) if LOG_RETENTION_DAYS.contains(&(days as u32)) && days.fract() == 0.0 => days as u32,
            Some(days) => {
                let allowed = LOG_RETENTION_DAYS.map(|d| d.to_string()).join(", ");
                builder.error(path, "E0702", format!("CloudWatch keeps logs for {allowed} days, not {days}"), None);
                DEFAULT_LOG_RETENTION_DAYS
            }
        };
        let env: Vec<(String, String)> = match props.get("env") {
            Some(Json::Object(map)) => map.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect(),
            _ => Vec::new(),
        };
        for (key, _) in &env {
            let valid = key.starts_with(|c: char| c.is_ascii_alphabetic())
                && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_')
                && !key.starts_with("AWS_")
                && !key.starts_with("WING_");
            if !valid {
                builder.error(
                    path,
                    "E0702",
                    format!("`{key}` cannot be a Lambda environment variable"),
                    Some("names are letters, digits and `_`, start with a letter, and do not start with `AWS_` or `WING_`"),
                );
            }
        }
        Settings { timeout, memory, concurrency: number("concurrency"), log_retention_days, env }
    }
}

/// A consumer has as long as its queue hides a message (as in Wing);
/// every other function Wing's default minute.
fn default_timeout(builder: &Builder<'_>, trigger: &Trigger) -> f64 {
    let queue_timeout = match trigger {
        Trigger::Queue { queue } => {
            builder.input.manifest.resource(queue).and_then(|q| q.props.get("timeout")).and_then(Json::as_f64)
        }
        _ => None,
    };
    match trigger {
        Trigger::Queue { .. } => queue_timeout.unwrap_or(super::messaging::DEFAULT_VISIBILITY_SECONDS),
        _ => DEFAULT_TIMEOUT_SECONDS,
    }
}

/// The operations a bundle's handles are granted, by resource.
fn grants(lifts: &[LiftedValue]) -> BTreeMap<String, BTreeSet<String>> {
    let mut grants: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for lift in lifts {
        lift.visit(&mut |path, ops| grants.entry(path.to_string()).or_default().extend(ops.iter().cloned()), &mut |_| {});
    }
    grants
}

/// Every granted operation must have its row in the IAM table.
fn check_operations(builder: &mut Builder<'_>, path: &str, grants: &BTreeMap<String, BTreeSet<String>>) {
    for (resource, ops) in grants {
        let Some(type_name) = builder.deployed.get(resource).map(|d| d.type_name.clone()) else { continue };
        for op in ops.iter().filter(|op| !iam::is_known(&type_name, op)) {
            builder.error(path, "E0703", format!("`{type_name}.{op}` cannot be called from a function on tf-aws yet"), None);
        }
    }
}

/// The resources a function needs the attributes of: those its handles
/// name, and those whose attributes its lifted strings or its environment
/// hold as tokens (an Api's `url`).
fn used_resources(builder: &Builder<'_>, lifts: &[LiftedValue], props: &BTreeMap<String, Json>) -> BTreeMap<String, Deployed> {
    let mut paths = BTreeSet::new();
    let mut texts = Vec::new();
    for lift in lifts {
        lift.visit(
            &mut |path, _| {
                paths.insert(path.to_string());
            },
            &mut |text| texts.push(text),
        );
    }
    for text in texts {
        paths.extend(wing_abi::token::tokens(text).into_iter().map(|(path, _)| path));
    }
    if let Some(Json::Object(env)) = props.get("env") {
        for value in env.values().filter_map(Json::as_str) {
            paths.extend(wing_abi::token::tokens(value).into_iter().map(|(path, _)| path));
        }
    }
    paths.into_iter().filter_map(|path| Some((path.clone(), builder.deployed.get(&path)?.clone()))).collect()
}

/// The function's environment: the target, an entry per attribute of each
/// resource it uses, and the user's own variables (tokens become
/// references).
fn environment(builder: &Builder<'_>, used: &BTreeMap<String, Deployed>, env: &[(String, String)]) -> Map<String, Json> {
    let mut variables = Map::new();
    variables.insert(TARGET_ENV.into(), json!("tf-aws"));
    for (path, deployed) in used {
        for (attribute, value) in &deployed.attrs {
            variables.insert(names::env_var(&deployed.type_name, attribute, path), json!(value));
        }
    }
    for (key, value) in env {
        variables.insert(key.clone(), json!(with_references(builder, value)));
    }
    variables
}

/// A text the user wrote, with each attribute token replaced by the
/// Terraform reference to its value.
pub fn with_references(builder: &Builder<'_>, text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    for (path, attribute) in wing_abi::token::tokens(text) {
        let token = wing_abi::token::token(&path, &attribute);
        let Some(at) = rest.find(&token) else { continue };
        out.push_str(&literal(&rest[..at]));
        let value = builder.deployed.get(&path).and_then(|d| d.attrs.get(attribute.as_str())).cloned();
        out.push_str(&value.unwrap_or_else(|| literal(&token)));
        rest = &rest[at + token.len()..];
    }
    out.push_str(&literal(rest));
    out
}

/// The props a runtime needs of a resource it uses, and where its
/// attributes are.
fn deployed_resource(builder: &Builder<'_>, path: &str, deployed: &Deployed) -> DeployedResource {
    // `name`: a table's name, as its errors say it (as in the simulator).
    const RUNTIME_PROPS: [&str; 5] = ["initial", "primaryKey", "columns", "public", "name"];
    let props = builder
        .input
        .manifest
        .resource(path)
        .map(|r| {
            r.props.iter().filter(|(k, _)| RUNTIME_PROPS.contains(&k.as_str())).map(|(k, v)| (k.clone(), v.clone())).collect()
        })
        .unwrap_or_default();
    let env = deployed
        .attrs
        .keys()
        .map(|attribute| (attribute.to_string(), names::env_var(&deployed.type_name, attribute, path)))
        .collect();
    DeployedResource { type_name: deployed.type_name.clone(), props, env }
}

/// What sends a function its events, from the edges into it.
fn trigger(builder: &Builder<'_>, resource: &Resource) -> Trigger {
    if resource.type_name == "cloud.OnDeploy" {
        return Trigger::Deploy;
    }
    let manifest = builder.input.manifest;
    let incoming = manifest
        .edges
        .iter()
        .find(|e| e.to == resource.path && matches!(e.kind, EdgeKind::Consumer | EdgeKind::Subscriber | EdgeKind::Handler));
    let Some(edge) = incoming else { return Trigger::Invoke };
    let from = edge.from.clone();
    match (edge.kind, manifest.resource(&from).map(|r| r.type_name.as_str())) {
        (EdgeKind::Consumer, _) => Trigger::Queue { queue: from },
        (EdgeKind::Subscriber, _) => Trigger::Topic { topic: from },
        (_, Some("cloud.Api")) => Trigger::Api { api: from, routes: edge.events.clone() },
        (_, Some("cloud.Bucket")) => Trigger::Bucket { bucket: from, events: edge.events.clone() },
        (_, Some("cloud.Schedule")) => Trigger::Schedule { schedule: from },
        _ => Trigger::Invoke,
    }
}

fn assume_role_policy() -> String {
    json!({
        "Version": "2012-10-17",
        "Statement": [{ "Effect": "Allow", "Principal": { "Service": "lambda.amazonaws.com" }, "Action": "sts:AssumeRole" }]
    })
    .to_string()
}

/// Writes each function's policy, once every edge has added what its
/// triggers need.
pub fn policies(builder: &mut Builder<'_>) {
    let functions: Vec<(String, DeployedFunction)> = std::mem::take(&mut builder.functions).into_iter().collect();
    let mut invocations = BTreeMap::new();
    for (path, function) in &functions {
        let mut statements = vec![json!({
            "Effect": "Allow",
            "Action": ["logs:CreateLogStream", "logs:PutLogEvents"],
            "Resource": format!("{}:*", function.log_group.attr("arn"))
        })];
        for (resource, ops) in &function.grants {
            let Some(deployed) = builder.deployed.get(resource) else { continue };
            for (scope, actions) in iam::actions(&deployed.type_name, ops) {
                let arn = match scope {
                    iam::Scope::Resource => deployed.arn.clone(),
                    iam::Scope::Objects => format!("{}/*", deployed.arn),
                };
                statements.push(json!({ "Effect": "Allow", "Action": actions.into_iter().collect::<Vec<_>>(), "Resource": arn }));
            }
        }
        statements.extend(function.statements.iter().cloned());
        let policy = json!({ "Version": "2012-10-17", "Statement": statements }).to_string();
        let name = names::tf_name(path);
        let address = builder.doc.resource(
            "aws_iam_role_policy",
            &name,
            json!({ "name": "wing-grants", "role": function.role.attr("id"), "policy": policy }),
        );
        for dependent in &function.policy_dependents {
            if let Some(body) = builder.doc.body_mut(dependent) {
                body["depends_on"] = json!([address.dependency()]);
            }
        }
        if builder.input.manifest.resource(path).is_some_and(|r| r.type_name == "cloud.OnDeploy") {
            invocations.insert(path.clone(), on_deploy(builder, path, function, &address));
        }
    }
    deployment_order(builder, &invocations);
    builder.functions = functions.into_iter().collect();
}

/// A `cloud.OnDeploy` runs once per deployment of its code: Terraform
/// invokes it after its permissions exist.
fn on_deploy(builder: &mut Builder<'_>, path: &str, function: &DeployedFunction, policy: &Address) -> Address {
    builder.doc.resource(
        "aws_lambda_invocation",
        &names::tf_name(path),
        json!({
            "function_name": function.lambda.attr("function_name"),
            "input": "{}",
            "triggers": { "code": function.lambda.attr("source_code_hash") },
            "depends_on": [policy.dependency()]
        }),
    )
}

/// `executeAfter` and `executeBefore`: an invocation waits for those it
/// comes after.
fn deployment_order(builder: &mut Builder<'_>, invocations: &BTreeMap<String, Address>) {
    let paths = |resource: &Resource, prop: &str| -> Vec<String> {
        match resource.props.get(prop) {
            Some(Json::Array(items)) => items.iter().filter_map(|i| i.as_str().map(str::to_string)).collect(),
            _ => Vec::new(),
        }
    };
    let mut waits: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for resource in builder.input.manifest.resources.iter().filter(|r| invocations.contains_key(&r.path)) {
        for before in paths(resource, "executeAfter") {
            waits.entry(resource.path.clone()).or_default().push(before);
        }
        for after in paths(resource, "executeBefore") {
            waits.entry(after).or_default().push(resource.path.clone());
        }
    }
    for (path, earlier) in waits {
        let Some(invocation) = invocations.get(&path) else { continue };
        let dependencies: Vec<String> = earlier.iter().filter_map(|p| invocations.get(p)).map(Address::dependency).collect();
        if let Some(Json::Array(depends_on)) = builder.doc.body_mut(invocation).map(|body| &mut body["depends_on"]) {
            depends_on.extend(dependencies.into_iter().map(Json::String));
        }
    }
}
