//! `cloud.Counter` and `ex.Table` on DynamoDB: takes a counter or table
//! operation with its arguments and the resource's `table` attribute,
//! gives what the simulator's operation gives (`sim/counter.rs`,
//! `sim/table.rs`), with its Wing errors. The data layout is the tf-aws
//! target's (`spec/tf-aws.md`): a counter's item is `{id, value}`, a
//! missing item counting as the counter's `initial`, and every change is
//! one atomic update; a table row is its Json object, each field a native
//! attribute, keyed by the table's `primaryKey`.

use super::Target;
use super::sdk::failed;
use aws_sdk_dynamodb::error::ProvideErrorMetadata;
use aws_sdk_dynamodb::types::{AttributeValue, ReturnValue};
use std::collections::HashMap;
use wing_runtime::backend::shared::{arg, optional_text, row_exists, row_missing, text, wing};
use wing_runtime::backend::{OpError, OpResult};
use wing_std::Value;

/// The key used when none is given.
const DEFAULT_KEY: &str = "default";

type Operation = fn(&Target<'_>, &[Value]) -> OpResult;

type Item = HashMap<String, AttributeValue>;

/// Runs the counter operation `method`; `None` when there is no such
/// operation on AWS.
pub fn counter(target: &Target<'_>, method: &str, args: &[Value]) -> Option<OpResult> {
    let operation: Operation = match method {
        "inc" => |target, args| add(target, args, 1.0),
        "dec" => |target, args| add(target, args, -1.0),
        "peek" => |target, args| {
            let key = optional_text(args, 0)?.unwrap_or_else(|| DEFAULT_KEY.to_string());
            let (dynamodb, table) = (target.sdk.dynamodb()?, target.attribute("table")?);
            let request = dynamodb.get_item().table_name(table).key("id", AttributeValue::S(key)).consistent_read(true);
            let item = target.run(async { request.send().await.map_err(|e| failed("DynamoDB GetItem", e)) })?;
            Ok(Value::Num(counter_value(target, item.item())))
        },
        "set" => |target, args| {
            let value = number(arg(args, 0))?;
            let key = optional_text(args, 1)?.unwrap_or_else(|| DEFAULT_KEY.to_string());
            let (dynamodb, table) = (target.sdk.dynamodb()?, target.attribute("table")?);
            let request = dynamodb
                .put_item()
                .table_name(table)
                .item("id", AttributeValue::S(key))
                .item("value", AttributeValue::N(number_text(value)?));
            target.run(async { request.send().await.map_err(|e| failed("DynamoDB PutItem", e)) })?;
            Ok(Value::Nil)
        },
        _ => return None,
    };
    Some(operation(target, args))
}

/// `inc`/`dec`: adds `amount` (default 1) times `sign` in one atomic
/// update; gives the value before.
fn add(target: &Target<'_>, args: &[Value], sign: f64) -> OpResult {
    let amount = match arg(args, 0) {
        Value::Nil => 1.0,
        other => number(other)?,
    };
    let key = optional_text(args, 1)?.unwrap_or_else(|| DEFAULT_KEY.to_string());
    let (dynamodb, table) = (target.sdk.dynamodb()?, target.attribute("table")?);
    let request = dynamodb
        .update_item()
        .table_name(table)
        .key("id", AttributeValue::S(key))
        .update_expression("SET #value = if_not_exists(#value, :initial) + :amount")
        .expression_attribute_names("#value", "value")
        .expression_attribute_values(":initial", AttributeValue::N(number_text(initial(target))?))
        .expression_attribute_values(":amount", AttributeValue::N(number_text(sign * amount)?))
        .return_values(ReturnValue::UpdatedOld);
    let updated = target.run(async { request.send().await.map_err(|e| failed("DynamoDB UpdateItem", e)) })?;
    Ok(Value::Num(counter_value(target, updated.attributes())))
}

fn initial(target: &Target<'_>) -> f64 {
    target.resource.props.get("initial").and_then(serde_json::Value::as_f64).unwrap_or(0.0)
}

/// The `value` of a counter's item; the counter's `initial` without one.
fn counter_value(target: &Target<'_>, item: Option<&Item>) -> f64 {
    match item.and_then(|item| item.get("value")) {
        Some(AttributeValue::N(n)) => n.parse().unwrap_or(0.0),
        _ => initial(target),
    }
}

fn number(value: &Value) -> Result<f64, OpError> {
    match value {
        Value::Num(n) => Ok(*n),
        other => Err(OpError::Fatal(format!("expected a number, found {}", other.kind_name()))),
    }
}

/// A number as DynamoDB takes it (finite only).
fn number_text(n: f64) -> Result<String, OpError> {
    if n.is_finite() { Ok(n.to_string()) } else { wing(format!("DynamoDB cannot store the number {n}")) }
}

/// Runs the table operation `method`; `None` when there is no such
/// operation on AWS.
pub fn table(target: &Target<'_>, method: &str, args: &[Value]) -> Option<OpResult> {
    let operation: Operation = match method {
        "insert" => |target, args| write(target, args, Some(false)),
        "update" => |target, args| write(target, args, Some(true)),
        "upsert" => |target, args| write(target, args, None),
        "delete" => |target, args| {
            let (dynamodb, table) = (target.sdk.dynamodb()?, target.attribute("table")?);
            let request = dynamodb.delete_item().table_name(table).key(primary_key(target), AttributeValue::S(text(args, 0)?));
            target.run(async { request.send().await.map_err(|e| failed("DynamoDB DeleteItem", e)) })?;
            Ok(Value::Nil)
        },
        "get" => |target, args| {
            let key = text(args, 0)?;
            read(target, &key)?.ok_or_else(|| row_missing(&key, &table_name(target)))
        },
        "tryGet" => |target, args| Ok(read(target, &text(args, 0)?)?.unwrap_or(Value::Nil)),
        "list" => |target, _| list(target),
        _ => return None,
    };
    Some(operation(target, args))
}

/// The column rows are keyed by.
fn primary_key(target: &Target<'_>) -> String {
    target.resource.props.get("primaryKey").and_then(serde_json::Value::as_str).unwrap_or("id").to_string()
}

/// The table's name in errors, as the simulator names it.
fn table_name(target: &Target<'_>) -> String {
    let path = &target.resource.path;
    target
        .resource
        .props
        .get("name")
        .and_then(serde_json::Value::as_str)
        .unwrap_or_else(|| path.rsplit('/').next().unwrap_or("table"))
        .to_string()
}

/// `insert` (`must_exist` false), `update` (true) or `upsert` (none): one
/// conditional put of the row with its key.
fn write(target: &Target<'_>, args: &[Value], must_exist: Option<bool>) -> OpResult {
    let key = text(args, 0)?;
    let row = arg(args, 1).to_json().or_else(|problem| wing(problem.to_string()))?;
    let serde_json::Value::Object(columns) = row else {
        return wing(format!("a row must be a Json object (key={key})"));
    };
    let primary = primary_key(target);
    let mut item: Item = columns.iter().filter(|(name, _)| **name != primary).map(|(n, v)| (n.clone(), attribute(v))).collect();
    item.insert(primary.clone(), AttributeValue::S(key.clone()));
    let (dynamodb, table) = (target.sdk.dynamodb()?, target.attribute("table")?);
    let mut request = dynamodb.put_item().table_name(table).set_item(Some(item));
    if let Some(must_exist) = must_exist {
        let condition = if must_exist { "attribute_exists(#key)" } else { "attribute_not_exists(#key)" };
        request = request.condition_expression(condition).expression_attribute_names("#key", &primary);
    }
    target.run(async {
        match request.send().await {
            Ok(_) => Ok(Value::Nil),
            Err(error) if error.code() == Some("ConditionalCheckFailedException") => match must_exist {
                Some(true) => Err(row_missing(&key, &table_name(target))),
                _ => Err(row_exists(&key, &table_name(target))),
            },
            Err(error) => Err(failed("DynamoDB PutItem", error)),
        }
    })
}

/// The row with `key` as Wing sees it; `None` when there is none.
fn read(target: &Target<'_>, key: &str) -> Result<Option<Value>, OpError> {
    let (dynamodb, table) = (target.sdk.dynamodb()?, target.attribute("table")?);
    let request =
        dynamodb.get_item().table_name(table).key(primary_key(target), AttributeValue::S(key.to_string())).consistent_read(true);
    let found = target.run(async { request.send().await.map_err(|e| failed("DynamoDB GetItem", e)) })?;
    Ok(found.item().map(|item| shown(target, item)))
}

/// Every row, in key order (as the simulator lists them).
fn list(target: &Target<'_>) -> OpResult {
    let (dynamodb, table) = (target.sdk.dynamodb()?, target.attribute("table")?);
    let mut items = target.run(async {
        let mut items = Vec::new();
        let mut pages = dynamodb.scan().table_name(table).consistent_read(true).into_paginator().send();
        while let Some(page) = pages.next().await {
            items.extend(page.map_err(|e| failed("DynamoDB Scan", e))?.items().iter().cloned());
        }
        Ok(items)
    })?;
    let primary = primary_key(target);
    let key_of = |item: &Item| match item.get(&primary) {
        Some(AttributeValue::S(key)) => key.clone(),
        _ => String::new(),
    };
    items.sort_by_key(key_of);
    Ok(Value::array(items.iter().map(|item| shown(target, item)).collect()))
}

/// A row as Wing sees it: its columns by name, then the key (DynamoDB
/// keeps no column order).
fn shown(target: &Target<'_>, item: &Item) -> Value {
    let primary = primary_key(target);
    let mut names: Vec<&String> = item.keys().filter(|name| **name != primary).collect();
    names.sort();
    let mut row = serde_json::Map::new();
    for name in names {
        row.insert(name.clone(), json(&item[name]));
    }
    if let Some(key) = item.get(&primary) {
        row.insert(primary, json(key));
    }
    Value::from_json(&serde_json::Value::Object(row))
}

/// A Json value as a native DynamoDB attribute.
fn attribute(value: &serde_json::Value) -> AttributeValue {
    match value {
        serde_json::Value::Null => AttributeValue::Null(true),
        serde_json::Value::Bool(b) => AttributeValue::Bool(*b),
        serde_json::Value::Number(n) => AttributeValue::N(n.to_string()),
        serde_json::Value::String(s) => AttributeValue::S(s.clone()),
        serde_json::Value::Array(items) => AttributeValue::L(items.iter().map(attribute).collect()),
        serde_json::Value::Object(fields) => AttributeValue::M(fields.iter().map(|(k, v)| (k.clone(), attribute(v))).collect()),
    }
}

/// A DynamoDB attribute as Json (sets as arrays, binary as null).
fn json(value: &AttributeValue) -> serde_json::Value {
    let number = |n: &String| {
        n.parse::<i64>()
            .map(serde_json::Value::from)
            .or_else(|_| n.parse::<f64>().map(serde_json::Value::from))
            .unwrap_or(serde_json::Value::Null)
    };
    match value {
        AttributeValue::S(s) => serde_json::Value::String(s.clone()),
        AttributeValue::N(n) => number(n),
        AttributeValue::Bool(b) => serde_json::Value::Bool(*b),
        AttributeValue::L(items) => items.iter().map(json).collect(),
        AttributeValue::M(fields) => {
            let mut names: Vec<&String> = fields.keys().collect();
            names.sort();
            serde_json::Value::Object(names.into_iter().map(|name| (name.clone(), json(&fields[name]))).collect())
        }
        AttributeValue::Ss(items) => items.iter().map(|s| serde_json::Value::String(s.clone())).collect(),
        AttributeValue::Ns(items) => items.iter().map(number).collect(),
        _ => serde_json::Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_rows_round_trip_through_native_attributes() {
        let row = serde_json::json!({ "a": null, "b": true, "c": 1, "d": 1.5, "e": "x", "f": [1, "y"], "g": { "h": false } });
        assert_eq!(json(&attribute(&row)), row);
    }

    #[test]
    fn only_finite_numbers_are_stored() {
        assert_eq!(number_text(2.0).unwrap(), "2");
        assert_eq!(number_text(-0.25).unwrap(), "-0.25");
        assert!(number_text(f64::INFINITY).is_err());
    }
}
