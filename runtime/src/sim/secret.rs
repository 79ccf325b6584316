//! `cloud.Secret`: a named value from the simulator's secrets (the
//! program's `.env` file, see `SimOptions::secrets`) or, failing that, the
//! process environment.

use super::ResourceState;
use super::ops::{Op, OpContext, OpError, OpResult, wing};
use super::props::{Props, str_prop};
use wing_std::Value;

#[derive(Debug)]
pub struct Secret {
    pub name: String,
}

impl Secret {
    pub fn new(path: &str, props: &Props) -> Secret {
        let name = str_prop(props, "name").unwrap_or_else(|| path.rsplit('/').next().unwrap_or_default());
        Secret { name: name.to_string() }
    }
}

/// The secret operation `method`.
pub fn op(method: &str) -> Option<Op> {
    Some(match method {
        "value" => |ctx, _| Ok(Value::string(value(ctx)?)),
        "valueJson" => |ctx, _| value_json(&value(ctx)?),
        _ => return None,
    })
}

/// A secret's text read as Json (`valueJson`, every backend's).
pub fn value_json(text: &str) -> OpResult {
    match serde_json::from_str::<serde_json::Value>(text) {
        Ok(json) => Ok(Value::from_json(&json)),
        Err(e) => wing(format!("the secret is not valid Json: {e}")),
    }
}

fn value(ctx: &OpContext<'_>) -> Result<String, OpError> {
    let ResourceState::Secret(secret) = ctx.state() else {
        return Err(OpError::Fatal(format!("{} is not a secret", ctx.node().path)));
    };
    let name = &secret.name;
    match ctx.sim.options().secrets.get(name).cloned().or_else(|| std::env::var(name).ok()) {
        Some(value) => Ok(value),
        None => wing(format!("No value for secret {name} (hint: add a line `{name}=…` to the .env file beside the program)")),
    }
}

/// Secrets from the text of a `.env` file: `NAME=value` lines, `#`
/// comments, values optionally in single or double quotes.
pub fn parse_env_file(text: &str) -> std::collections::BTreeMap<String, String> {
    text.lines()
        .map(str::trim)
        .filter(|line| !line.is_empty() && !line.starts_with('#'))
        .filter_map(|line| {
            let (name, value) = line.trim_start_matches("export ").split_once('=')?;
            let value = value.trim();
            let unquoted =
                ['"', '\''].iter().find_map(|q| value.strip_prefix(*q).and_then(|v| v.strip_suffix(*q))).unwrap_or(value);
            Some((name.trim().to_string(), unquoted.to_string()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn env_files_parse() {
        let secrets = parse_env_file("# keys\nAPI_KEY=abc\nexport TOKEN = \"x y\"\nbad line\nJSON='{\"a\":1}'\n");
        assert_eq!(secrets.get("API_KEY").map(String::as_str), Some("abc"));
        assert_eq!(secrets.get("TOKEN").map(String::as_str), Some("x y"));
        assert_eq!(secrets.get("JSON").map(String::as_str), Some("{\"a\":1}"));
        assert_eq!(secrets.len(), 3);
    }
}
