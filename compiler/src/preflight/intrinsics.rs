//! Stdlib members run preflight: takes an extern member name
//! (`Queue.setConsumer`, `str.split`), its receiver and arguments, gives the
//! result value. Resource constructors check and record props; members that
//! attach inflight code (`setConsumer`, `onCreate`, `api.get`, `onTick`) add
//! a child `cloud.Function` and the edge saying when it runs; data
//! operations run in `wing-std`, as they do inflight.

use super::eval::{Eval, Evaluator, fail, throw};
use super::tree::ResourceId;
use super::value::{ExternValue, FunctionValue, Ref, RefKind, Value, as_resource, resource_value};
use crate::syntax::ast::Span;
use serde_json::{Map, Value as Json, json};
use std::collections::BTreeMap;
use std::rc::Rc;
use wing_abi::EdgeKind;
use wing_std::walk::{Step, Walk, WalkError};

type Props = BTreeMap<String, Json>;

/// The HTTP methods an Api route can have, by member name.
const API_METHODS: [(&str, &str); 8] = [
    ("get", "GET"),
    ("post", "POST"),
    ("put", "PUT"),
    ("delete", "DELETE"),
    ("patch", "PATCH"),
    ("options", "OPTIONS"),
    ("head", "HEAD"),
    ("connect", "CONNECT"),
];

impl<'a> Evaluator<'a> {
    /// Fills a new resource from its constructor arguments.
    pub(super) fn construct(&mut self, resource: ResourceId, type_name: &str, args: Vec<Value>, span: Span) -> Eval<()> {
        let takes_handler = matches!(type_name, "cloud.Function" | "cloud.Service" | "cloud.OnDeploy");
        let mut args = args.into_iter();
        if takes_handler {
            let handler = args.next().unwrap_or_default();
            self.set_handler(resource, handler, span)?;
        }
        let mut props = self.props_of(args.next(), span)?;
        match type_name {
            "cloud.Counter" => {
                props.entry("initial".to_string()).or_insert(json!(0));
            }
            "cloud.Function" | "cloud.OnDeploy" => check_function_props(&props, span)?,
            "cloud.Queue" => self.check_queue(resource, &props, span)?,
            "cloud.Schedule" => check_schedule(&props, span)?,
            "cloud.Secret" => {
                let id = self.app.tree.get(resource).path.rsplit('/').next().unwrap_or_default().to_string();
                props.entry("name".to_string()).or_insert(Json::String(id));
            }
            _ => {}
        }
        self.app.tree.get_mut(resource).props = props;
        Ok(())
    }

    fn set_handler(&mut self, resource: ResourceId, handler: Value, span: Span) -> Eval<()> {
        match self.app.function(&handler).cloned() {
            Some(FunctionValue::Closure(closure)) => {
                self.app.tree.get_mut(resource).handler = Some(closure);
                Ok(())
            }
            Some(FunctionValue::Method { this, name, .. }) => {
                let closure = self.method_handler(this, &name, span)?;
                self.app.tree.get_mut(resource).handler = Some(Rc::new(closure));
                Ok(())
            }
            _ => fail("E0500", "internal error: a handler must be a closure", span),
        }
    }

    /// Runs a stdlib member preflight: the cloud members that build the
    /// tree here, `log` and `assert`, and every data operation through
    /// `wing_std::ops`.
    pub(super) fn call_extern(&mut self, target: &ExternValue, args: Vec<Value>, span: Span) -> Eval<Value> {
        if let Some(member) = target.name.strip_prefix("Node.") {
            return self.node_member(target.receiver.as_ref(), member, span);
        }
        let resource = target.receiver.as_ref().and_then(|receiver| self.resource_of(receiver));
        if let Some(resource) = resource {
            return self.resource_member(resource, &target.name, args, span);
        }
        match (target.module.as_str(), target.name.as_str()) {
            // The one app: its value is never looked at.
            ("std", "IApp.entrypointDir") => Ok(Value::str(&self.app.dir_name)),
            ("std", "IApp.isTestEnvironment") => Ok(Value::Bool(self.app.target == "sim")),
            ("std", "IApp.workdir") => Ok(Value::str(&self.app.workdir)),
            // `nodeof(x)`: the node is the resource or object itself.
            ("std", "nodeof") => Ok(args.into_iter().next().unwrap_or_default()),
            ("std", "log") => {
                let line = args.first().map(Value::display).unwrap_or_default();
                self.app.logs.push(line);
                Ok(Value::Nil)
            }
            ("std", "assert") => match args.as_slice() {
                [Value::Bool(true), ..] => Ok(Value::Nil),
                [_, Value::Str(message), ..] => throw(format!("assertion failed: {message}"), span),
                _ => throw("assertion failed", span),
            },
            ("util", "env" | "tryEnv") => {
                let name = args.first().map(Value::display).unwrap_or_default();
                // `WING_TARGET` is the target, as Wing's CLI sets it.
                let value = std::env::var(&name).ok().or_else(|| (name == "WING_TARGET").then(|| self.app.target.clone()));
                match value {
                    Some(value) => Ok(Value::string(value)),
                    None if target.name == "tryEnv" => Ok(Value::Nil),
                    // A Wing error, as inflight: `try` can catch it.
                    None => throw(format!("the environment variable `{name}` is not set"), span),
                }
            }
            (module, name) => {
                let Some(operation) = wing_std::ops::lookup_preflight(module, name) else {
                    return fail("E0900", format!("`{name}` cannot run preflight in this version of wingc yet"), span);
                };
                let mut all = Vec::with_capacity(args.len() + 1);
                all.extend(target.receiver.clone());
                all.extend(args);
                operation(&all).or_else(|error| throw(error.0, span))
            }
        }
    }

    /// `nodeof(x).path`, `.id`, the display properties and
    /// `addDependency(…)` (accepted, changes nothing).
    fn node_member(&self, node: Option<&Value>, member: &str, span: Span) -> Eval<Value> {
        let node = self.node_or_fail(node, span)?;
        let resource = self.app.tree.get(node);
        let path = resource.path.as_str();
        Ok(match member {
            "path" => Value::str(path),
            "id" => Value::str(path.rsplit('/').next().unwrap_or(path)),
            "addDependency" | "app" => Value::Nil,
            display => resource.display.get(display).cloned().unwrap_or_default(),
        })
    }

    /// `nodeof(x).title = …`: sets a display property of the node.
    pub(super) fn set_node_member(&mut self, node: &Value, member: &str, value: Value, span: Span) -> Eval<()> {
        let node = self.node_or_fail(Some(node), span)?;
        self.app.tree.get_mut(node).display.insert(member.to_string(), value);
        Ok(())
    }

    fn node_or_fail(&self, value: Option<&Value>, span: Span) -> Eval<ResourceId> {
        match value.and_then(|v| self.node_of(v)) {
            Some(node) => Ok(node),
            None => fail("E0500", "internal error: the node of a value that has none", span),
        }
    }

    /// A preflight member of a resource (`Queue.setConsumer`, `Api.url`).
    fn resource_member(&mut self, resource: ResourceId, name: &str, args: Vec<Value>, span: Span) -> Eval<Value> {
        let mut args = args.into_iter();
        let mut next = || args.next().unwrap_or_default();
        let (type_name, member) = name.split_once('.').unwrap_or(("", name));
        match (type_name, member) {
            // Capabilities come from the code a host reaches (spec 9), so
            // an explicit grant adds nothing.
            (_, "onLift") => Ok(Value::Nil),
            ("Queue", "setConsumer") => {
                let (handler, props) = (next(), next());
                let function = self.attach(resource, "Consumer", handler, props, EdgeKind::Consumer, Vec::new(), span)?;
                Ok(resource_value(function))
            }
            ("Topic", "onMessage") => {
                let (handler, props) = (next(), next());
                let function = self.attach(resource, "OnMessage", handler, props, EdgeKind::Subscriber, Vec::new(), span)?;
                Ok(resource_value(function))
            }
            ("Topic", "subscribeQueue") => match as_resource(&next()) {
                Some(queue) => {
                    self.app.tree.connect_again(resource, queue, EdgeKind::Subscriber);
                    Ok(Value::Nil)
                }
                None => fail("E0500", "internal error: subscribeQueue needs a queue", span),
            },
            ("Schedule", "onTick") => {
                let (handler, props) = (next(), next());
                let events = vec!["tick".to_string()];
                let function = self.attach(resource, "OnTick", handler, props, EdgeKind::Handler, events, span)?;
                Ok(resource_value(function))
            }
            ("Bucket", "onCreate" | "onUpdate" | "onDelete" | "onEvent") => {
                let events: Vec<String> = match member {
                    "onEvent" => vec!["create".into(), "update".into(), "delete".into()],
                    other => vec![other.trim_start_matches("on").to_lowercase()],
                };
                let prefix = format!("O{}", &member[1..]);
                let (handler, props) = (next(), next());
                self.attach(resource, &prefix, handler, props, EdgeKind::Handler, events, span)?;
                Ok(Value::Nil)
            }
            ("Bucket", "addObject") => {
                let (key, body) = (next().display(), next().display());
                self.insert_prop(resource, "initialObjects", key, Json::String(body));
                Ok(Value::Nil)
            }
            ("Bucket", "addFile") => {
                let (key, path) = (next().display(), next().display());
                let file = std::path::Path::new(&self.app.dir_name).join(&path);
                match std::fs::read_to_string(&file) {
                    Ok(body) => {
                        self.insert_prop(resource, "initialObjects", key, Json::String(body));
                        Ok(Value::Nil)
                    }
                    Err(error) => throw(format!("cannot read \"{path}\": {error}"), span),
                }
            }
            ("Bucket", "addCorsRule") => {
                let rule = next();
                let rule = self.json_of(&rule, span)?;
                let props = &mut self.app.tree.get_mut(resource).props;
                if let Json::Array(rules) = props.entry("corsRules".to_string()).or_insert_with(|| Json::Array(Vec::new())) {
                    rules.push(rule);
                }
                Ok(Value::Nil)
            }
            ("Table", "addRow") => {
                let (key, row) = (next().display(), next());
                let row = self.json_of(&row, span)?;
                self.insert_prop(resource, "initialRows", key, row);
                Ok(Value::Nil)
            }
            ("Function" | "Service", "addEnvironment") => {
                let (key, value) = (next().display(), next().display());
                self.insert_prop(resource, "env", key, Json::String(value));
                Ok(Value::Nil)
            }
            ("Api" | "Website", "url") => Ok(Value::string(wing_abi::token::token(&self.app.tree.get(resource).path, "url"))),
            ("Api", method) => {
                let Some((_, verb)) = API_METHODS.iter().find(|(m, _)| *m == method) else {
                    return fail("E0900", format!("`Api.{method}` is not supported by this version of wingc yet"), span);
                };
                let (path, handler, props) = (next().display(), next(), next());
                let route = format!("{verb} {}", route_path(&path, span)?);
                self.check_new_route(resource, &route, span)?;
                self.attach(resource, "OnRequest", handler, props, EdgeKind::Handler, vec![route], span)?;
                Ok(Value::Nil)
            }
            ("Website", "addFile" | "addJson") => {
                let path = next().display();
                let data = next();
                let (body, content_type) = if member == "addJson" {
                    let body = data.to_json_text().or_else(|problem| throw(problem.to_string(), span))?;
                    (body, "application/json".to_string())
                } else {
                    let options = next();
                    (data.display(), field(&options, "contentType").map_or("text/plain".to_string(), |c| c.display()))
                };
                let file = format!("/{}", path.trim_start_matches('/'));
                self.insert_prop(resource, "files", file.clone(), json!({"body": body, "contentType": content_type}));
                let url = wing_abi::token::token(&self.app.tree.get(resource).path, "url");
                Ok(Value::string(format!("{url}{file}")))
            }
            ("Counter", "initial") => {
                let initial = self.app.tree.get(resource).props.get("initial").and_then(Json::as_f64);
                Ok(Value::Num(initial.unwrap_or(0.0)))
            }
            ("Secret", "name") => {
                let name = self.app.tree.get(resource).props.get("name").and_then(Json::as_str).unwrap_or_default();
                Ok(Value::str(name))
            }
            _ => fail("E0900", format!("`{name}` cannot run preflight in this version of wingc yet"), span),
        }
    }

    /// Adds a child function running `handler` under `parent`, with the
    /// function props of `props`, and the edge `parent → function`.
    #[allow(clippy::too_many_arguments)]
    fn attach(
        &mut self,
        parent: ResourceId,
        prefix: &str,
        handler: Value,
        props: Value,
        kind: EdgeKind,
        events: Vec<String>,
        span: Span,
    ) -> Eval<ResourceId> {
        let id = self.app.tree.next_child_id(parent, prefix);
        let function = self.add_resource(Some(parent), &id, "cloud.Function", span)?;
        // The titles Wing's simulator gives the functions it attaches.
        let title = match prefix {
            "Consumer" => Some("Consumer"),
            "OnMessage" => Some("Subscriber"),
            "OnTick" => Some("Tick"),
            _ => None,
        };
        if let Some(title) = title {
            self.app.tree.get_mut(function).display.insert("title".to_string(), Value::str(title));
        }
        self.set_handler(function, handler, span)?;
        let props = self.props_of(Some(props), span)?;
        check_function_props(&props, span)?;
        self.app.tree.get_mut(function).props = props;
        self.app.tree.connect(parent, function, kind, events);
        Ok(function)
    }

    /// A route the Api has already (E0516), or one a request could match
    /// as well as an existing route of the same method (E0517, as Wing:
    /// `/test/path` and `/test/:variable`).
    fn check_new_route(&self, api: ResourceId, route: &str, span: Span) -> Eval<()> {
        let node = self.app.tree.get(api);
        let mut routes = self
            .app
            .tree
            .edges()
            .filter(|(from, _, kind, _)| *kind == EdgeKind::Handler && self.app.tree.get(*from).path == node.path)
            .flat_map(|(_, _, _, events)| events.iter());
        let Some(existing) = routes.find(|existing| *existing == route || routes_overlap(existing, route)) else {
            return Ok(());
        };
        if existing == route {
            return fail("E0516", format!("the Api already has a handler for `{route}`"), span);
        }
        fail("E0517", format!("the route `{route}` is ambiguous: it conflicts with `{existing}`"), span)
    }

    fn check_queue(&mut self, queue: ResourceId, props: &Props, span: Span) -> Eval<()> {
        let seconds = |name: &str, default: f64| props.get(name).and_then(Json::as_f64).unwrap_or(default);
        if seconds("retentionPeriod", 3600.0) < seconds("timeout", 30.0) {
            return fail("E0516", "a queue's `retentionPeriod` must be at least its `timeout`", span);
        }
        let Some(dlq) = props.get("dlq") else { return Ok(()) };
        let attempts = dlq.get("maxDeliveryAttempts").and_then(Json::as_f64).unwrap_or(1.0);
        if attempts < 1.0 || attempts.fract() != 0.0 {
            return fail("E0516", "`maxDeliveryAttempts` must be a whole number of at least 1", span);
        }
        let target = dlq.get("queue").and_then(Json::as_str).unwrap_or_default();
        let found = self.app.tree.iter().find(|(_, r)| r.path == target).map(|(id, _)| id);
        match found {
            Some(dead_letters) if dead_letters != queue => {
                self.app.tree.connect(queue, dead_letters, EdgeKind::DeadLetter, Vec::new());
                Ok(())
            }
            _ => fail("E0516", "a queue's dead-letter queue must be another queue", span),
        }
    }

    fn insert_prop(&mut self, resource: ResourceId, prop: &str, key: String, value: Json) {
        let props = &mut self.app.tree.get_mut(resource).props;
        let entry = props.entry(prop.to_string()).or_insert_with(|| Json::Object(Map::new()));
        if let Json::Object(map) = entry {
            map.insert(key, value);
        }
    }

    /// Constructor or handler props as Json (durations in seconds, a
    /// resource as its path); nil fields are left out.
    fn props_of(&self, props: Option<Value>, span: Span) -> Eval<Props> {
        match self.json_of(&props.unwrap_or_default(), span)? {
            Json::Null => Ok(Props::new()),
            Json::Object(props) => Ok(props.into_iter().collect()),
            _ => fail("E0500", "internal error: props must be a struct", span),
        }
    }

    /// A value as Json for the manifest: a resource as its path, nil
    /// fields left out; a value that contains itself is a Wing error.
    fn json_of(&self, value: &Value, span: Span) -> Eval<Json> {
        self.json_within(value, &mut Walk::default()).or_else(|problem| throw(problem.to_string(), span))
    }

    fn json_within(&self, value: &Value, walk: &mut Walk) -> Result<Json, WalkError> {
        Ok(match value {
            Value::Ref(Ref { kind: RefKind::Resource, id }) => Json::String(self.app.tree.get(ResourceId(*id)).path.clone()),
            Value::Array(items) => walk.within(value, |walk| {
                let items = items.borrow();
                let each = items.iter().enumerate().map(|(i, v)| self.json_within(v, walk).map_err(|e| e.under(Step::Index(i))));
                each.collect::<Result<_, _>>().map(Json::Array)
            })?,
            Value::Map(map) => walk.within(value, |walk| {
                let map = map.borrow();
                let each = map
                    .iter()
                    .filter(|(_, v)| !v.is_nil())
                    .map(|(k, v)| Ok((k.clone(), self.json_within(v, walk).map_err(|e| e.under(Step::Key(k.clone())))?)));
                each.collect::<Result<_, _>>().map(Json::Object)
            })?,
            other => other.to_json()?,
        })
    }
}

fn field(value: &Value, name: &str) -> Option<Value> {
    match value {
        Value::Map(map) => map.borrow().get(name).filter(|v| !v.is_nil()).cloned(),
        _ => None,
    }
}

/// `timeout`, `memory` and `concurrency` must be positive.
fn check_function_props(props: &Props, span: Span) -> Eval<()> {
    for (name, what) in [("timeout", "a positive duration"), ("memory", "a positive number of MB")] {
        if props.get(name).and_then(Json::as_f64).is_some_and(|v| v <= 0.0 || !v.is_finite()) {
            return fail("E0516", format!("`{name}` must be {what}"), span);
        }
    }
    for name in ["concurrency", "batchSize"] {
        if props.get(name).and_then(Json::as_f64).is_some_and(|v| v < 1.0 || v.fract() != 0.0) {
            return fail("E0516", format!("`{name}` must be a whole number of at least 1"), span);
        }
    }
    Ok(())
}

/// A schedule has exactly one of `rate` and `cron`, and a cron it can run.
fn check_schedule(props: &Props, span: Span) -> Eval<()> {
    match (props.get("rate").and_then(Json::as_f64), props.get("cron").and_then(Json::as_str)) {
        (Some(_), Some(_)) => fail("E0516", "a schedule takes either `rate` or `cron`, not both", span),
        (None, None) => fail("E0516", "a schedule needs a `rate` or a `cron`", span),
        (Some(rate), None) if rate <= 0.0 || !rate.is_finite() => fail("E0516", "`rate` must be a positive duration", span),
        (None, Some(cron)) => match wing_abi::cron::Cron::parse(cron) {
            Ok(_) => Ok(()),
            Err(error) => fail("E0516", format!("invalid cron expression \"{cron}\": {error}"), span),
        },
        _ => Ok(()),
    }
}

/// An Api route's path with `{name}` parameters written as `:name`.
/// Whether one request could match both routes (`GET /a/:x` and
/// `GET /a/b`): the same method and number of segments, each segment
/// equal or a parameter in either.
fn routes_overlap(a: &str, b: &str) -> bool {
    let (Some((verb_a, path_a)), Some((verb_b, path_b))) = (a.split_once(' '), b.split_once(' ')) else { return false };
    let (segments_a, segments_b): (Vec<&str>, Vec<&str>) = (path_a.split('/').collect(), path_b.split('/').collect());
    verb_a == verb_b
        && segments_a.len() == segments_b.len()
        && segments_a.iter().zip(&segments_b).all(|(x, y)| x == y || x.starts_with(':') || y.starts_with(':'))
}

fn route_path(path: &str, span: Span) -> Eval<String> {
    if !path.starts_with('/') {
        return fail("E0516", format!("an Api path must start with `/`, found \"{path}\""), span);
    }
    let segments: Vec<String> = path
        .split('/')
        .map(|segment| match segment.strip_prefix('{').and_then(|s| s.strip_suffix('}')) {
            Some(name) => format!(":{name}"),
            None => segment.to_string(),
        })
        .collect();
    if segments.iter().any(|s| s == ":") {
        return fail("E0516", format!("an Api path parameter needs a name, in \"{path}\""), span);
    }
    Ok(segments.join("/"))
}
