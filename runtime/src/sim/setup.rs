//! Starting a simulator: takes the app's manifest and the options, gives
//! the shared state with every resource built (its saved state loaded from
//! the state directory), the Api and Website servers listening, attribute
//! tokens resolved; then deploys: runs the `OnDeploy` handlers and starts
//! the services.

use super::function::Function;
use super::http::api::Api;
use super::http::website::Website;
use super::http::{Bound, Handler, HttpServer};
use super::props::{Props, bool_prop};
use super::store::{KeyFiles, resource_dir, write_atomic};
use super::{EventHandler, ResourceIndex, ResourceNode, ResourceState, Shared, SimOptions, StartError, lock, queue, service};
use super::{bucket::Bucket, counter::Counter, schedule::Schedule, secret::Secret, table::Table};
use crate::App;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, AtomicU64, AtomicUsize};
use std::sync::{Arc, Condvar, Mutex};
use std::time::Instant;
use wing_abi::{EdgeKind, LiftedValue, Resource, token};

/// Builds the shared state and starts the HTTP servers.
pub fn build(app: &App, options: SimOptions) -> Result<Arc<Shared>, StartError> {
    let manifest = app.manifest();
    let by_path: HashMap<String, ResourceIndex> =
        manifest.resources.iter().enumerate().map(|(i, r)| (r.path.clone(), i)).collect();
    let mut bound = bind_servers(&manifest.resources, &options)?;
    let urls: HashMap<&str, String> = bound.iter().map(|(i, b)| (manifest.resources[*i].path.as_str(), b.url())).collect();
    let resolve =
        |text: &str| token::resolve(text, &|path, attribute| (attribute == "url").then(|| urls.get(path).cloned()).flatten());
    let handlers = event_handlers(app, &by_path);
    let mut resources = Vec::with_capacity(manifest.resources.len());
    for (index, resource) in manifest.resources.iter().enumerate() {
        let handlers = handlers.get(&index).cloned().unwrap_or_default();
        let url = bound.get(&index).map(Bound::url).unwrap_or_default();
        let state = build_state(app, resource, &handlers, &by_path, url, &options, &resolve)
            .map_err(|e| StartError(format!("{} ({}): {e}", resource.path, resource.type_name)))?;
        resources.push(ResourceNode { path: resource.path.clone(), type_name: resource.type_name.clone(), state, handlers });
    }
    let lifts = (0..manifest.bundles.len()).map(|b| resolve_lifts(&app.bundle(b).lifts, &resolve)).collect();
    let of_kind =
        |f: fn(&ResourceState) -> bool| resources.iter().enumerate().filter(|(_, r)| f(&r.state)).map(|(i, _)| i).collect();
    let queues = of_kind(|s| matches!(s, ResourceState::Queue(q) if q.has_consumer()));
    let schedules = of_kind(|s| matches!(s, ResourceState::Schedule(_)));
    let shared = Arc::new(Shared {
        app: app.clone(),
        resources,
        by_path,
        lifts,
        options,
        started: Instant::now(),
        activity: AtomicU64::new(0),
        waiting: Mutex::new(()),
        waiters: AtomicUsize::new(0),
        changed: Condvar::new(),
        stopping: AtomicBool::new(false),
        logs: Mutex::new(Vec::new()),
        traces: Mutex::new(Vec::new()),
        jobs: Mutex::new(Default::default()),
        workers: Default::default(),
        servers: Mutex::new(Vec::new()),
        queues,
        schedules,
    });
    for (index, listener) in bound.drain() {
        let handler = server_handler(&shared, index);
        let server =
            listener.serve(handler).map_err(|e| StartError(format!("cannot serve {}: {e}", shared.resource(index).path)))?;
        lock(&shared.servers).push(server);
    }
    Ok(shared)
}

/// Runs the `OnDeploy` handlers, starts the services with `autoStart` and
/// the workers when something is scheduled or waiting.
pub fn deploy(shared: &Arc<Shared>) -> Result<(), StartError> {
    for index in deploy_order(shared) {
        let node = shared.resource(index);
        shared
            .invoke_function(index, &[])
            .map_err(|e| StartError(format!("{} failed: {}", node.path, crate::invoke::Failure::from(e))))?;
    }
    for (index, node) in shared.resources.iter().enumerate() {
        if let ResourceState::Service(service) = &node.state
            && service.auto_start
            && let Err(failure) = service::start(shared, index)
        {
            shared.log(&node.path, format!("error: the service failed to start: {failure}"));
        }
    }
    if !shared.schedules.is_empty() || !shared.queues.is_empty() {
        shared.wake_workers();
    }
    Ok(())
}

/// The `OnDeploy` handlers in the order they run: as declared, except
/// that each runs after those its `executeAfter` names and before those
/// its `executeBefore` names (a cycle falls back to the declared order).
fn deploy_order(shared: &Shared) -> Vec<ResourceIndex> {
    let manifest = shared.app.manifest();
    let deploys: Vec<ResourceIndex> = (0..manifest.resources.len())
        .filter(|&i| {
            shared.resource(i).type_name == "cloud.OnDeploy" && matches!(shared.resource(i).state, ResourceState::Function(_))
        })
        .collect();
    let named = |index: ResourceIndex, prop: &str| -> Vec<ResourceIndex> {
        let paths = manifest.resources[index].props.get(prop).and_then(serde_json::Value::as_array);
        paths
            .into_iter()
            .flatten()
            .filter_map(|p| shared.by_path.get(p.as_str()?).copied())
            .filter(|i| deploys.contains(i))
            .collect()
    };
    let mut preceding: HashMap<ResourceIndex, Vec<ResourceIndex>> = HashMap::new();
    for &deploy in &deploys {
        preceding.entry(deploy).or_default().extend(named(deploy, "executeAfter"));
        for later in named(deploy, "executeBefore") {
            preceding.entry(later).or_default().push(deploy);
        }
    }
    let mut order = Vec::with_capacity(deploys.len());
    let mut waiting = deploys;
    while !waiting.is_empty() {
        let ready = waiting.iter().position(|d| preceding.get(d).into_iter().flatten().all(|p| order.contains(p)));
        order.push(waiting.remove(ready.unwrap_or(0)));
    }
    order
}

/// Listeners for every Api and Website, on the port of the last run when
/// the state directory remembers one and it is free.
fn bind_servers(resources: &[Resource], options: &SimOptions) -> Result<HashMap<ResourceIndex, Bound>, StartError> {
    let mut bound = HashMap::new();
    for (index, resource) in resources.iter().enumerate() {
        if !matches!(resource.type_name.as_str(), "cloud.Api" | "cloud.Website") {
            continue;
        }
        let port_file = options.state_dir.as_ref().map(|root| resource_dir(root, &resource.path).join("port"));
        let last_port = port_file.as_ref().and_then(|f| std::fs::read_to_string(f).ok()).and_then(|p| p.trim().parse().ok());
        let listener = last_port
            .and_then(|port| HttpServer::bind(port).ok())
            .map_or_else(|| HttpServer::bind(0), Ok)
            .map_err(|e| StartError(format!("{}: cannot listen on 127.0.0.1: {e}", resource.path)))?;
        if let Some(file) = port_file {
            write_atomic(&file, listener.port().to_string().as_bytes())
                .map_err(|e| StartError(format!("{}: cannot save the port: {e}", resource.path)))?;
        }
        bound.insert(index, listener);
    }
    Ok(bound)
}

fn server_handler(shared: &Arc<Shared>, index: ResourceIndex) -> Handler {
    match &shared.resource(index).state {
        ResourceState::Website(_) => {
            let sim = shared.clone();
            Arc::new(move |request| {
                let sim = sim.clone();
                super::http::blocking(move || match &sim.resource(index).state {
                    ResourceState::Website(site) => site.respond(&request),
                    _ => super::http::HttpResponse::new(500, "not a website"),
                })
            })
        }
        _ => super::http::api::handler(shared.clone(), index),
    }
}

/// Each resource's event handlers, from the manifest's edges.
fn event_handlers(app: &App, by_path: &HashMap<String, ResourceIndex>) -> HashMap<ResourceIndex, Vec<EventHandler>> {
    let mut handlers: HashMap<ResourceIndex, Vec<EventHandler>> = HashMap::new();
    for edge in &app.manifest().edges {
        let (Some(&from), Some(&target)) = (by_path.get(&edge.from), by_path.get(&edge.to)) else { continue };
        let events = match edge.kind {
            EdgeKind::Consumer | EdgeKind::Subscriber => vec!["message".to_string()],
            EdgeKind::Handler => edge.events.clone(),
            EdgeKind::Uses | EdgeKind::DeadLetter => continue,
        };
        let list = handlers.entry(from).or_default();
        list.extend(events.into_iter().map(|event| EventHandler { event, target }));
    }
    handlers
}

fn build_state(
    app: &App,
    resource: &Resource,
    handlers: &[EventHandler],
    by_path: &HashMap<String, ResourceIndex>,
    url: String,
    options: &SimOptions,
    resolve: &dyn Fn(&str) -> String,
) -> Result<ResourceState, String> {
    let resolved: Props = resource.props.iter().map(|(k, v)| (k.clone(), resolve_json(v, resolve))).collect();
    let props = &resolved;
    let dir = options.state_dir.as_ref().map(|root| resource_dir(root, &resource.path));
    let files = |name: &str| dir.as_ref().map(|d| KeyFiles::new(d.join(name)));
    let function = || {
        let bundle = resource.bundle.as_deref().and_then(|id| app.bundle_index(id));
        bundle.map(|bundle| Function::new(bundle, props))
    };
    Ok(match resource.type_name.as_str() {
        "cloud.Bucket" => ResourceState::Bucket(Bucket::new(props, files("objects"))?),
        "cloud.Queue" => {
            let dead_letters = app.manifest().edges.iter().find(|e| e.kind == EdgeKind::DeadLetter && e.from == resource.path);
            let consumers = consumers(app, handlers);
            let dead_letters = dead_letters.and_then(|e| by_path.get(&e.to).copied());
            ResourceState::Queue(queue::Queue::new(props, dead_letters, consumers, files("messages"))?)
        }
        "cloud.Topic" => ResourceState::Topic,
        "cloud.Counter" => ResourceState::Counter(Counter::new(props, dir.map(|d| d.join("counter.json")))?),
        "ex.Table" => ResourceState::Table(Table::new(&resource.path, props, files("rows"))?),
        "cloud.Function" | "cloud.OnDeploy" => function().map_or(ResourceState::Inert, ResourceState::Function),
        "cloud.Service" => match function() {
            Some(function) => {
                ResourceState::Service(super::service::Service::new(function, bool_prop(props, "autoStart").unwrap_or(true)))
            }
            None => ResourceState::Inert,
        },
        "cloud.Api" => {
            let routes = handlers.iter().map(|h| (h.event.clone(), h.target));
            ResourceState::Api(Api::new(url, props, routes))
        }
        "cloud.Website" => {
            let root = options.root.clone().unwrap_or_else(|| PathBuf::from("."));
            ResourceState::Website(Website::new(url, props, &root)?)
        }
        "cloud.Schedule" => ResourceState::Schedule(Schedule::new(props)?),
        "cloud.Secret" => ResourceState::Secret(Secret::new(&resource.path, props)),
        _ => ResourceState::Inert,
    })
}

/// A queue's consumers with their batch sizes.
fn consumers(app: &App, handlers: &[EventHandler]) -> Vec<(ResourceIndex, usize)> {
    let resources = &app.manifest().resources;
    handlers
        .iter()
        .filter(|h| h.event == "message" && resources[h.target].type_name == "cloud.Function")
        .map(|h| (h.target, queue::batch_size(&resources[h.target].props)))
        .collect()
}

/// A bundle's lifts with attribute tokens resolved, if any had one.
pub fn resolve_lifts(lifts: &[LiftedValue], resolve: &dyn Fn(&str) -> String) -> Option<Arc<[LiftedValue]>> {
    if !lifts.iter().any(has_token) {
        return None;
    }
    Some(lifts.iter().map(|lift| resolve_lift(lift, resolve)).collect())
}

fn has_token(lift: &LiftedValue) -> bool {
    match lift {
        LiftedValue::Str(s) => token::has_token(s),
        LiftedValue::Json(json) => token::has_token(&json.to_string()),
        LiftedValue::Array(items) | LiftedValue::Set(items) => items.iter().any(has_token),
        LiftedValue::Map(entries) | LiftedValue::Object { fields: entries, .. } => entries.values().any(has_token),
        _ => false,
    }
}

fn resolve_lift(lift: &LiftedValue, resolve: &dyn Fn(&str) -> String) -> LiftedValue {
    match lift {
        LiftedValue::Str(s) => LiftedValue::Str(resolve(s)),
        LiftedValue::Json(json) => LiftedValue::Json(resolve_json(json, resolve)),
        LiftedValue::Array(items) => LiftedValue::Array(items.iter().map(|i| resolve_lift(i, resolve)).collect()),
        LiftedValue::Set(items) => LiftedValue::Set(items.iter().map(|i| resolve_lift(i, resolve)).collect()),
        LiftedValue::Map(entries) => {
            LiftedValue::Map(entries.iter().map(|(k, v)| (k.clone(), resolve_lift(v, resolve))).collect())
        }
        LiftedValue::Object { class, id, fields, init } => LiftedValue::Object {
            class: class.clone(),
            id: *id,
            fields: fields.iter().map(|(k, v)| (k.clone(), resolve_lift(v, resolve))).collect(),
            init: *init,
        },
        other => other.clone(),
    }
}

fn resolve_json(json: &serde_json::Value, resolve: &dyn Fn(&str) -> String) -> serde_json::Value {
    use serde_json::Value as J;
    match json {
        J::String(s) => J::String(resolve(s)),
        J::Array(items) => J::Array(items.iter().map(|i| resolve_json(i, resolve)).collect()),
        J::Object(fields) => J::Object(fields.iter().map(|(k, v)| (k.clone(), resolve_json(v, resolve))).collect()),
        other => other.clone(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_in_lifts_are_resolved() {
        let url = token::token("root/Default/Api", "url");
        let lifts = vec![
            LiftedValue::Num(1.0),
            LiftedValue::Map([("base".to_string(), LiftedValue::Str(format!("{url}/v1")))].into_iter().collect()),
        ];
        let resolve = |text: &str| token::resolve(text, &|_, _| Some("http://h".to_string()));
        let resolved = resolve_lifts(&lifts, &resolve).unwrap();
        assert_eq!(
            resolved[1],
            LiftedValue::Map([("base".to_string(), LiftedValue::Str("http://h/v1".into()))].into_iter().collect())
        );
        assert!(resolve_lifts(&lifts[..1], &resolve).is_none());
    }
}
