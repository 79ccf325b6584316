//! Counters, tables and secrets: takes `cloud.Counter`, `ex.Table` (props
//! `primaryKey`, rows added preflight) and `cloud.Secret` (`name`), gives
//! DynamoDB tables (on-demand, point-in-time recovery, encrypted) and a
//! Secrets Manager secret whose value is set outside Terraform.
//!
//! Item layout (what the Lambda runtime reads and writes): a counter's
//! item is `{ id: <key>, value: <number> }`; a table's row is its Json
//! object with the primary key as the partition key, each field a native
//! DynamoDB attribute ([`attribute_value`]).

use super::document::literal;
use super::{Builder, Deployed, names};
use serde_json::{Map, Value as Json, json};
use std::collections::BTreeMap;
use wing_abi::Resource;

pub fn counter(builder: &mut Builder<'_>, resource: &Resource) -> Deployed {
    let table = dynamodb_table(builder, resource, "id");
    Deployed {
        type_name: resource.type_name.clone(),
        arn: table.attr("arn"),
        attrs: BTreeMap::from([("table", table.attr("name"))]),
        address: table,
    }
}

pub fn table(builder: &mut Builder<'_>, resource: &Resource) -> Deployed {
    let key = resource.props.get("primaryKey").and_then(Json::as_str).unwrap_or("id").to_string();
    let table = dynamodb_table(builder, resource, &key);
    if let Some(Json::Object(rows)) = resource.props.get("initialRows") {
        for (id, row) in rows {
            let mut item = Map::new();
            if let Json::Object(fields) = row {
                item.extend(fields.iter().map(|(k, v)| (k.clone(), attribute_value(v))));
            }
            item.insert(key.clone(), json!({ "S": id }));
            builder.doc.resource(
                "aws_dynamodb_table_item",
                &format!("{}_{id}", table.name),
                json!({
                    "table_name": table.attr("name"),
                    "hash_key": table.attr("hash_key"),
                    "item": literal(&Json::Object(item).to_string())
                }),
            );
        }
    }
    Deployed {
        type_name: resource.type_name.clone(),
        arn: table.attr("arn"),
        attrs: BTreeMap::from([("table", table.attr("name"))]),
        address: table,
    }
}

fn dynamodb_table(builder: &mut Builder<'_>, resource: &Resource, key: &str) -> super::document::Address {
    builder.doc.resource(
        "aws_dynamodb_table",
        &names::tf_name(&resource.path),
        json!({
            "name": names::physical(&resource.path),
            "billing_mode": "PAY_PER_REQUEST",
            "hash_key": key,
            "attribute": [{ "name": key, "type": "S" }],
            "point_in_time_recovery": [{ "enabled": true }],
            "server_side_encryption": [{ "enabled": true }]
        }),
    )
}

/// A Json value as a DynamoDB attribute value (`{"S": "…"}`, `{"N": "1"}`,
/// `{"M": {…}}`).
pub fn attribute_value(value: &Json) -> Json {
    match value {
        Json::Null => json!({ "NULL": true }),
        Json::Bool(b) => json!({ "BOOL": b }),
        Json::Number(n) => json!({ "N": n.to_string() }),
        Json::String(s) => json!({ "S": s }),
        Json::Array(items) => json!({ "L": items.iter().map(attribute_value).collect::<Vec<_>>() }),
        Json::Object(fields) => {
            json!({ "M": fields.iter().map(|(k, v)| (k.clone(), attribute_value(v))).collect::<Map<String, Json>>() })
        }
    }
}

/// A secret's value is never in the Terraform: it is set with
/// `aws secretsmanager put-secret-value` once the secret exists.
pub fn secret(builder: &mut Builder<'_>, resource: &Resource) -> Deployed {
    let name = resource.props.get("name").and_then(Json::as_str).unwrap_or("secret").to_string();
    let secret = builder.doc.resource(
        "aws_secretsmanager_secret",
        &names::tf_name(&resource.path),
        json!({
            "name": format!("${{var.name_prefix}}/{}", literal(&name)),
            "description": format!("{} (its value is set outside Terraform)", resource.path)
        }),
    );
    builder.doc.output(
        &format!("secret_{}", names::tf_name(&resource.path)),
        &format!("Set the value of `{name}` with: aws secretsmanager put-secret-value --secret-id <this>"),
        secret.attr("arn"),
    );
    Deployed {
        type_name: resource.type_name.clone(),
        arn: secret.attr("arn"),
        attrs: BTreeMap::from([("arn", secret.attr("arn"))]),
        address: secret,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_becomes_native_attributes() {
        let row =
            json!({ "name": "Ada", "age": 36, "tags": ["x"], "admin": true, "boss": null, "address": { "city": "London" } });
        assert_eq!(
            attribute_value(&row),
            json!({ "M": {
                "name": { "S": "Ada" },
                "age": { "N": "36" },
                "tags": { "L": [{ "S": "x" }] },
                "admin": { "BOOL": true },
                "boss": { "NULL": true },
                "address": { "M": { "city": { "S": "London" } } }
            } })
        );
    }
}
