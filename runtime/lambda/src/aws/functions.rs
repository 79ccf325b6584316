//! `cloud.Function` on Lambda Invoke: takes `invoke`/`invokeAsync` with
//! the payload and the function's `name` attribute, gives the function's
//! Json result (`invoke`) or nothing once Lambda has queued the event
//! (`invokeAsync`). A failure of the invoked function is a Wing error with
//! its message, as in the simulator (its `.w` frames stay in its own log).

use super::Target;
use super::sdk::failed;
use aws_sdk_lambda::error::ProvideErrorMetadata;
use aws_sdk_lambda::primitives::Blob;
use aws_sdk_lambda::types::InvocationType;
use wing_runtime::backend::shared::{TOO_MANY_REQUESTS, arg, wing};
use wing_runtime::backend::{OpError, OpResult};
use wing_std::Value;

/// Runs the function operation `method`; `None` when there is no such
/// operation on AWS.
pub fn function(target: &Target<'_>, method: &str, args: &[Value]) -> Option<OpResult> {
    let invocation = match method {
        "invoke" => InvocationType::RequestResponse,
        "invokeAsync" => InvocationType::Event,
        _ => return None,
    };
    Some(invoke(target, invocation, arg(args, 0)))
}

fn invoke(target: &Target<'_>, invocation: InvocationType, payload: &Value) -> OpResult {
    let payload = payload.to_json().or_else(|problem| wing(problem.to_string()))?.to_string();
    let (lambda, name) = (target.sdk.lambda()?, target.attribute("name")?);
    let waits = invocation == InvocationType::RequestResponse;
    let request = lambda.invoke().function_name(name).invocation_type(invocation).payload(Blob::new(payload));
    let answer = target.run(async {
        match request.send().await {
            Ok(answer) => Ok(answer),
            Err(error) if error.code() == Some("TooManyRequestsException") => wing(TOO_MANY_REQUESTS),
            Err(error) => Err(failed("Lambda Invoke", error)),
        }
    })?;
    if !waits {
        return Ok(Value::Nil);
    }
    let body = answer.payload().map_or(&[][..], Blob::as_ref);
    let json: serde_json::Value = if body.is_empty() {
        serde_json::Value::Null
    } else {
        serde_json::from_slice(body).or_else(|e| wing(format!("the function {name} answered with invalid Json: {e}")))?
    };
    if answer.function_error().is_some() {
        let message = json.get("errorMessage").and_then(serde_json::Value::as_str).unwrap_or("the function failed");
        return Err(OpError::Wing(message.to_string(), Vec::new()));
    }
    Ok(Value::from_json(&json))
}
