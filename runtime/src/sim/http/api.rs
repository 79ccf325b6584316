//! `cloud.Api`: routes (`GET /users/:id`) served over HTTP. A request
//! becomes a `cloud.ApiRequest` (method, path, query, path `vars`, headers
//! with lowercase names, body text) for the route's function; the
//! `cloud.ApiResponse` it gives becomes the HTTP response (status 200 and
//! an empty body unless it says). With `cors`, every response carries the
//! CORS headers and an `OPTIONS` preflight is answered.

use super::{Handler, HttpRequest, HttpResponse};
use crate::sim::props::{Props, bool_prop};
use crate::sim::{InvokeError, ResourceIndex, ResourceState, Shared};
use indexmap::IndexMap;
use std::sync::Arc;
use wing_std::Value;

pub struct Api {
    pub url: String,
    routes: Vec<Route>,
    /// The CORS headers to send, when CORS is on.
    cors: Option<Vec<(String, String)>>,
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

    /// The route for a method and path, with the path's variables.
    fn route(&self, method: &str, path: &str) -> Result<(&Route, IndexMap<String, Value>), bool> {
        let parts: Vec<&str> = path.trim_end_matches('/').split('/').collect();
        let mut path_matched = false;
        for route in &self.routes {
            let Some(vars) = route.matches(&parts) else { continue };
            if route.method == method {
                return Ok((route, vars));
            }
            path_matched = true;
        }
        Err(path_matched)
    }
}

impl Route {
    fn matches(&self, parts: &[&str]) -> Option<IndexMap<String, Value>> {
        if parts.len() != self.segments.len() {
            return None;
        }
        let mut vars = IndexMap::new();
        for (segment, part) in self.segments.iter().zip(parts) {
            match segment {
                Segment::Literal(text) if text == part => {}
                Segment::Param(name) if !part.is_empty() => {
                    vars.insert(name.clone(), Value::str(part));
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
    Arc::new(move |request| respond(&sim, index, request))
}

fn respond(sim: &Arc<Shared>, index: ResourceIndex, request: HttpRequest) -> HttpResponse {
    let ResourceState::Api(api) = &sim.resource(index).state else {
        return HttpResponse::new(500, "not an Api");
    };
    let mut response = match api.route(&request.method, &request.path) {
        Ok((route, vars)) => run(sim, route.function, request, vars),
        Err(_) if request.method == "OPTIONS" && api.cors.is_some() => HttpResponse::new(204, ""),
        Err(true) => HttpResponse::new(405, format!("{} is not allowed on {}", request.method, request.path)),
        Err(false) => HttpResponse::new(404, format!("no route for {} {}", request.method, request.path)),
    };
    for (name, value) in api.cors.iter().flatten() {
        if !response.headers.iter().any(|(n, _)| n.eq_ignore_ascii_case(name)) {
            response.headers.push((name.clone(), value.clone()));
        }
    }
    response
}

/// Runs a route's function with the request; its response, or 500 with
/// the failure's message.
fn run(sim: &Arc<Shared>, function: ResourceIndex, request: HttpRequest, vars: IndexMap<String, Value>) -> HttpResponse {
    let strings = |pairs: Vec<(String, String)>| Value::map(pairs.into_iter().map(|(k, v)| (k, Value::string(v))).collect());
    let mut fields = IndexMap::new();
    fields.insert("method".to_string(), Value::string(request.method));
    fields.insert("path".to_string(), Value::string(request.path));
    fields.insert("query".to_string(), strings(request.query));
    fields.insert("vars".to_string(), Value::map(vars));
    fields.insert("headers".to_string(), strings(request.headers));
    fields.insert("body".to_string(), Value::string(request.body));
    match sim.invoke_function(function, &[Value::map(fields)]) {
        Ok(response) => response_of(&response),
        Err(InvokeError::Busy) => HttpResponse::new(429, crate::sim::function::TOO_MANY_REQUESTS),
        Err(InvokeError::Failed(failure)) => {
            sim.log(&sim.resource(function).path, format!("error: {failure}"));
            HttpResponse::new(500, failure.message)
        }
    }
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
            response.headers.push((name.clone(), value.display()));
        }
    }
    response
}

/// The CORS headers for `corsOptions` (Wing's defaults for what it omits).
fn cors_headers(options: Option<&serde_json::Value>) -> Vec<(String, String)> {
    let option = |name: &str| options.and_then(|o| o.get(name));
    let list = |name: &str, default: &str| match option(name).and_then(serde_json::Value::as_array) {
        Some(items) => items.iter().filter_map(serde_json::Value::as_str).collect::<Vec<_>>().join(","),
        None => default.to_string(),
    };
    let mut headers = vec![
        ("Access-Control-Allow-Origin".to_string(), option("allowOrigin").and_then(|v| v.as_str()).unwrap_or("*").to_string()),
        ("Access-Control-Allow-Methods".to_string(), list("allowMethods", "GET,POST,PUT,DELETE,HEAD,OPTIONS")),
        ("Access-Control-Allow-Headers".to_string(), list("allowHeaders", "Content-Type,Authorization,X-Requested-With")),
    ];
    let exposed = list("exposeHeaders", "");
    if !exposed.is_empty() {
        headers.push(("Access-Control-Expose-Headers".to_string(), exposed));
    }
    if option("allowCredentials").and_then(serde_json::Value::as_bool) == Some(true) {
        headers.push(("Access-Control-Allow-Credentials".to_string(), "true".to_string()));
    }
    let max_age = option("maxAge").and_then(serde_json::Value::as_f64).unwrap_or(300.0);
    headers.push(("Access-Control-Max-Age".to_string(), format!("{}", max_age as u64)));
    headers
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
        let (route, vars) = api.route("GET", "/users/42/").ok().unwrap();
        assert_eq!(route.function, 1);
        assert!(vars.get("id").unwrap().equals(&Value::str("42")));
        assert_eq!(api.route("DELETE", "/users").err(), Some(true));
        assert_eq!(api.route("GET", "/nothing").err(), Some(false));
    }
}
