//! `cloud.Secret` on Secrets Manager: takes a secret operation and the
//! secret's `arn` attribute, gives its current text (`value`) or that text
//! read as Json (`valueJson`, with the simulator's error when it is not).

use super::Target;
use super::sdk::failed;
use wing_runtime::backend::OpResult;
use wing_runtime::backend::shared::{value_json, wing};
use wing_std::Value;

/// Runs the secret operation `method`; `None` when there is no such
/// operation on AWS.
pub fn secret(target: &Target<'_>, method: &str) -> Option<OpResult> {
    match method {
        "value" => Some(value(target).map(Value::string)),
        "valueJson" => Some(value(target).and_then(|text| value_json(&text))),
        _ => None,
    }
}

fn value(target: &Target<'_>) -> Result<String, wing_runtime::backend::OpError> {
    let (secrets, arn) = (target.sdk.secrets()?, target.attribute("arn")?);
    let request = secrets.get_secret_value().secret_id(arn);
    let secret = target.run(async { request.send().await.map_err(|e| failed("Secrets Manager GetSecretValue", e)) })?;
    match secret.secret_string() {
        Some(text) => Ok(text.to_string()),
        None => wing(format!("the secret {arn} has no text value")),
    }
}
