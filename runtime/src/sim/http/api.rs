//! `cloud.Api`: routes (`GET /users/:id`) served over HTTP, as Wing's
//! simulator (an express app) serves them. A request becomes a
//! `cloud.ApiRequest` (method, path as sent, query, decoded path `vars`,
//! headers with lowercase names, body text) for the route's function; the
//! `cloud.ApiResponse` it gives becomes the HTTP response (status 200, an
//! empty body and `text/html` unless it says). Literal path segments match
//! in any case; `HEAD` runs a `GET` route without sending the body;
//! `OPTIONS` lists a path's methods. With `cors`, every response carries
//! the CORS headers and every `OPTIONS` request is a preflight answered
//! with 204.
//!
//! A request waits for a concurrency slot of its route's function without
//! holding a thread (a full queue is refused with 429), then runs where
//! [`in_place`] says: a handler that loops or waits holds up no other
//! request.

use super::{Handler, HttpRequest, HttpResponse, in_place};
use crate::sim::props::{Props, bool_prop};
use crate::sim::{InvokeError, ResourceIndex, ResourceState, Shared};
use indexmap::IndexMap;
use std::sync::Arc;
use wing_std::Value;

pub struct Api {
    pub url: String,
    routes: Vec<Route>,
    /// The CORS headers to send, when CORS is on.
    cors: Option<Cors>,
}

/// The CORS headers of every response, and those a preflight adds.
struct Cors {
    always: Vec<(String, String)>,
    preflight: Vec<(String, String)>,
}

struct Route {
    method: String,
    segments: Vec<Segment>,
    function: ResourceIndex,
}

enum Segment {
    Literal(String),
    Param(String),
}

impl Api {
    /// An Api at `url` whose routes are `(event, function)` pairs, the
    /// event being `METHOD /path`.
    pub fn new(url: String, props: &Props, routes: impl Iterator<Item = (String, ResourceIndex)>) -> Api {
        let routes = routes
            .filter_map(|(event, function)| {
                let (method, path) = event.split_once(' ')?;
                Some(Route { method: method.to_string(), segments: segments(path), function })
            })
            .collect();
        let cors = bool_prop(props, "cors").unwrap_or(false).then(|| cors_headers(props.get("corsOptions")));
        Api { url, routes, cors }
    }

    /// The route for a method and a raw (still encoded) path, with the
    /// path's variables; a `HEAD` request takes a `GET` route when it has
    /// none of its own.
    fn route(&self, method: &str, raw_path: &str) -> Option<(&Route, IndexMap<String, String>)> {
        let parts: Vec<&str> = raw_path.trim_end_matches('/').split('/').collect();
        let find = |wanted: &str| {
            self.routes.iter().filter(|r| r.method == wanted).find_map(|route| Some((route, route.matches(&parts)?)))
        };
        find(method).or_else(|| if method == "HEAD" { find("GET") } else { None })
    }

    /// The methods with a route for a raw path, as an `Allow` header lists
    /// them (`HEAD` with `GET`).
    fn allowed(&self, raw_path: &str) -> Vec<String> {
        let parts: Vec<&str> = raw_path.trim_end_matches('/').split('/').collect();
        let mut methods: Vec<String> = Vec::new();
        for route in self.routes.iter().filter(|r| r.matches(&parts).is_some()) {
            let extra = (route.method == "GET").then(|| "HEAD".to_string());
            for method in std::iter::once(route.method.clone()).chain(extra) {
                if !methods.contains(&method) {
                    methods.push(method);
                }
            }
        }
        methods
    }
}

impl Route {
    fn matches(&self, parts: &[&str]) -> Option<IndexMap<String, String>> {
        if parts.len() != self.segments.len() {
            return None;
        }
        let mut vars = IndexMap::new();
        for (segment, part) in self.segments.iter().zip(parts) {
            let part = super::percent_decode(part);
            match segment {
                Segment::Literal(text) if text.eq_ignore_ascii_case(&part) => {}
                Segment::Param(name) if !part.is_empty() => {
                    vars.insert(name.clone(), part);
                }
                _ => return None,
            }
        }
        Some(vars)
    }
}

fn segments(path: &str) -> Vec<Segment> {
    path.trim_end_matches('/')
        .split('/')
        .map(|s| match s.strip_prefix(':') {
            Some(name) => Segment::Param(name.to_string()),
            None => Segment::Literal(s.to_string()),
        })
        .collect()
}

/// The request handler of the Api at `index`.
pub fn handler(sim: Arc<Shared>, index: ResourceIndex) -> Handler {
    Arc::new(move |request| Box::pin(respond(sim.clone(), index, request)))
}

async fn respond(sim: Arc<Shared>, index: ResourceIndex, request: HttpRequest) -> HttpResponse {
    let ResourceState::Api(api) = &sim.resource(index).state else {
        return HttpResponse::new(500, "not an Api");
    };
    let preflight = request.method == "OPTIONS" && api.cors.is_some();
    let head = request.method == "HEAD";
    let allowed = (request.method == "OPTIONS").then(|| api.allowed(&request.raw_path).join(",")).filter(|a| !a.is_empty());
    let route = api.route(&request.method, &request.raw_path).map(|(route, vars)| (route.function, vars));
    let mut response = match route {
        _ if preflight => HttpResponse::new(204, ""),
        Some((function, vars)) => run(&sim, function, request, vars).await,
        None => match allowed {
            Some(allowed) => HttpResponse::new(200, allowed.clone()).with_header("Allow", &allowed),
            None => HttpResponse::new(404, format!("no route for {} {}", request.method, request.path)),
        },
    };
    if let Some(cors) = &api.cors {
        let extra = if preflight { &cors.preflight[..] } else { &[] };
        for (name, value) in cors.always.iter().chain(extra) {
            if !response.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
                response.headers.push((name.clone(), value.clone()));
            }
        }
    }
    if head {
        response.body.clear();
    }
    response
}

/// Runs a route's function with the request, once it has a concurrency
/// slot; its response, or 500 with the failure's message.
async fn run(sim: &Arc<Shared>, function: ResourceIndex, request: HttpRequest, vars: IndexMap<String, String>) -> HttpResponse {
    let Some(target) = sim.function(function) else {
        return HttpResponse::new(500, format!("{} is not a function", sim.resource(function).path));
    };
    let Some(slot) = target.admit().await else {
        return HttpResponse::new(429, crate::sim::function::TOO_MANY_REQUESTS);
    };
    let sim = sim.clone();
    in_place(target.pace.clone(), move || match sim.invoke_in_slot(function, &[request_value(request, vars)], None, slot) {
        Ok(response) => response_of(&response),
        Err(InvokeError::Busy) => HttpResponse::new(429, crate::sim::function::TOO_MANY_REQUESTS),
        Err(InvokeError::Failed(failure)) => {
            sim.log(&sim.resource(function).path, format!("error: {failure}"));
            HttpResponse::new(500, failure.message)
        }
    })
    .await
}

/// The `cloud.ApiRequest` a handler gets.
fn request_value(request: HttpRequest, vars: IndexMap<String, String>) -> Value {
    // A name given twice holds both values, comma-separated (as express).
    let strings = |pairs: Vec<(String, String)>| {
        let mut map: IndexMap<String, String> = IndexMap::new();
        for (name, value) in pairs {
            map.entry(name).and_modify(|v| *v = format!("{v},{value}")).or_insert(value);
        }
        Value::map(map.into_iter().map(|(k, v)| (k, Value::string(v))).collect())
    };
    let mut fields = wing_std::Entries::default();
    fields.insert("method".to_string(), Value::string(request.method));
    fields.insert("path".to_string(), Value::string(request.raw_path));
    fields.insert("query".to_string(), strings(request.query));
    fields.insert("vars".to_string(), strings(vars.into_iter().collect()));
    fields.insert("headers".to_string(), strings(request.headers));
    fields.insert("body".to_string(), Value::string(request.body));
    Value::map(fields)
}

fn response_of(value: &Value) -> HttpResponse {
    let Value::Map(fields) = value else { return HttpResponse::new(200, "") };
    let fields = fields.borrow();
    let status = match fields.get("status") {
        Some(Value::Num(n)) if (100.0..1000.0).contains(n) => *n as u16,
        _ => 200,
    };
    let body = match fields.get("body") {
        None | Some(Value::Nil) => String::new(),
        Some(body) => body.display(),
    };
    let mut response = HttpResponse::new(status, body);
    if let Some(Value::Map(headers)) = fields.get("headers") {
        for (name, value) in headers.borrow().iter() {
            let value = value.display();
            let value = if name.eq_ignore_ascii_case("content-type") { super::with_charset(&value) } else { value };
            response.headers.push((name.clone(), value));
        }
    }
    if !response.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case("content-type")) {
        response.headers.push(("Content-Type".to_string(), "text/html; charset=utf-8".to_string()));
    }
    response
}

/// The CORS headers for `corsOptions` (Wing's defaults for what it omits):
/// origin, credentials and exposed headers on every response; methods,
/// headers and max age on preflights.
fn cors_headers(options: Option<&serde_json::Value>) -> Cors {
    let option = |name: &str| options.and_then(|o| o.get(name));
    let list = |name: &str, default: &str| match option(name).and_then(serde_json::Value::as_array) {
        Some(items) => items.iter().filter_map(serde_json::Value::as_str).collect::<Vec<_>>().join(","),
        None => default.to_string(),
    };
    let credentials = option("allowCredentials").and_then(serde_json::Value::as_bool) == Some(true);
    let always = vec![
        ("Access-Control-Allow-Origin".to_string(), option("allowOrigin").and_then(|v| v.as_str()).unwrap_or("*").to_string()),
        ("Access-Control-Allow-Credentials".to_string(), credentials.to_string()),
        ("Access-Control-Expose-Headers".to_string(), list("exposeHeaders", "")),
    ];
    let max_age = option("maxAge").and_then(serde_json::Value::as_f64).unwrap_or(300.0);
    let preflight = vec![
        ("Access-Control-Allow-Methods".to_string(), list("allowMethods", "GET,POST,PUT,DELETE,HEAD,OPTIONS")),
        ("Access-Control-Allow-Headers".to_string(), list("allowHeaders", "Content-Type,Authorization,X-Requested-With")),
        ("Access-Control-Max-Age".to_string(), format!("{}", max_age as u64)),
    ];
    Cors { always, preflight }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn routes_match_with_their_variables() {
        let api = Api::new(
            "http://x".into(),
            &Props::new(),
            vec![("GET /users/:id".to_string(), 1), ("POST /users".to_string(), 2)].into_iter(),
        );
        let (route, vars) = api.route("GET", "/users/42/").unwrap();
        assert_eq!(route.function, 1);
        assert_eq!(vars["id"], "42");
        let (_, vars) = api.route("HEAD", "/USERS/a%2Fb").unwrap();
        assert_eq!(vars["id"], "a/b");
        assert!(api.route("DELETE", "/users").is_none());
        assert!(api.route("GET", "/nothing").is_none());
        assert_eq!(api.allowed("/users/1"), ["GET", "HEAD"]);
    }
}
