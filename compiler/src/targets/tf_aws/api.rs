//! Apis on API Gateway: takes a `cloud.Api` (props `cors`, `corsOptions`)
//! and its routes (`GET /users/:id` → the handler function), gives an HTTP
//! API (v2) with its `$default` stage (auto-deployed, access logs to its
//! own log group), one Lambda proxy integration and route per handler, and
//! the permission for that route alone to invoke it. `api.url` is the
//! API's endpoint.

use super::{Builder, Deployed, names};
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use wing_abi::Resource;

/// How long API Gateway's access logs are kept.
const ACCESS_LOG_RETENTION_DAYS: u32 = 30;

pub fn api(builder: &mut Builder<'_>, resource: &Resource) -> Deployed {
    let name = names::tf_name(&resource.path);
    let mut body = json!({ "name": names::physical(&resource.path), "protocol_type": "HTTP" });
    if resource.props.get("cors").and_then(Json::as_bool) == Some(true) {
        body["cors_configuration"] = json!([cors(resource.props.get("corsOptions"))]);
    }
    let api = builder.doc.resource("aws_apigatewayv2_api", &name, body);
    let logs = builder.doc.resource(
        "aws_cloudwatch_log_group",
        &format!("{name}_access"),
        json!({
            "name": format!("/aws/apigateway/{}", names::physical(&resource.path)),
            "retention_in_days": ACCESS_LOG_RETENTION_DAYS
        }),
    );
    let format = json!({
        "requestId": "$context.requestId",
        "ip": "$context.identity.sourceIp",
        "requestTime": "$context.requestTime",
        "routeKey": "$context.routeKey",
        "status": "$context.status",
        "responseLength": "$context.responseLength",
        "integrationError": "$context.integrationErrorMessage"
    });
    builder.doc.resource(
        "aws_apigatewayv2_stage",
        &name,
        json!({
            "api_id": api.attr("id"),
            "name": "$default",
            "auto_deploy": true,
            "access_log_settings": [{ "destination_arn": logs.attr("arn"), "format": format.to_string() }]
        }),
    );
    builder.doc.output(&format!("{name}_url"), &format!("The URL of {}", resource.path), api.attr("api_endpoint"));
    Deployed {
        type_name: resource.type_name.clone(),
        arn: api.attr("arn"),
        attrs: BTreeMap::from([("url", api.attr("api_endpoint"))]),
        address: api,
    }
}

/// The CORS configuration for `corsOptions`, with Wing's defaults for what
/// it leaves out.
fn cors(options: Option<&Json>) -> Json {
    let option = |name: &str| options.and_then(|o| o.get(name)).cloned();
    json!({
        "allow_origins": [option("allowOrigin").unwrap_or_else(|| json!("*"))],
        "allow_methods": option("allowMethods").unwrap_or_else(|| json!(["GET", "POST", "PUT", "DELETE", "HEAD", "OPTIONS"])),
        "allow_headers": option("allowHeaders").unwrap_or_else(|| json!(["Content-Type", "Authorization", "X-Requested-With"])),
        "expose_headers": option("exposeHeaders").unwrap_or_else(|| json!([])),
        "allow_credentials": option("allowCredentials").unwrap_or(json!(false)),
        "max_age": option("maxAge").and_then(|v| v.as_f64()).unwrap_or(300.0) as u64
    })
}

/// A route's handler: its integration, the route itself and the
/// permission scoped to the route's method and path.
pub fn routes(builder: &mut Builder<'_>, api: &Deployed, function_path: &str, routes: &[String]) {
    let Some(function) = builder.functions.get(function_path).cloned() else { return };
    let name = names::tf_name(function_path);
    let integration = builder.doc.resource(
        "aws_apigatewayv2_integration",
        &name,
        json!({
            "api_id": api.address.attr("id"),
            "integration_type": "AWS_PROXY",
            "integration_uri": function.lambda.attr("invoke_arn"),
            "payload_format_version": "2.0"
        }),
    );
    for route in routes {
        let Some((method, path)) = route.split_once(' ') else { continue };
        let (key, pattern) = route_key(path);
        builder.doc.resource(
            "aws_apigatewayv2_route",
            &name,
            json!({
                "api_id": api.address.attr("id"),
                "route_key": format!("{method} {key}"),
                "target": format!("integrations/{}", integration.attr("id"))
            }),
        );
        let source = format!("{}/*/{method}{pattern}", api.address.attr("execution_arn"));
        super::messaging::permission(builder, &name, &function, "apigateway.amazonaws.com", source);
    }
}

/// A Wing route path as API Gateway's route key (`/users/{id}`) and as the
/// pattern of its execution ARN (`/users/*`).
fn route_key(path: &str) -> (String, String) {
    let segments: Vec<&str> = path.split('/').collect();
    let key =
        segments.iter().map(|s| s.strip_prefix(':').map_or(s.to_string(), |name| format!("{{{name}}}"))).collect::<Vec<_>>();
    let pattern = segments.iter().map(|s| if s.starts_with(':') { "*" } else { s }).collect::<Vec<_>>();
    (key.join("/"), pattern.join("/"))
}

#[cfg(test)]
mod tests {
    use super::route_key;

    #[test]
    fn route_parameters_become_api_gateway_parameters() {
        assert_eq!(route_key("/users/:id/posts/:post"), ("/users/{id}/posts/{post}".to_string(), "/users/*/posts/*".to_string()));
        assert_eq!(route_key("/"), ("/".to_string(), "/".to_string()));
    }
}
