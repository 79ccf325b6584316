//! Struct validation: `Struct.fromJson(j)` and friends. Takes a Json value
//! and the struct's schema (Json text written by the compiler, see
//! `compiler/src/check/schema.rs`: the struct and every struct it refers
//! to, by number), gives the struct value or an error naming the first
//! field that does not fit.

use super::{StdError, StdResult, arg, str_arg};
use crate::value::Entries;
use crate::value::Value;
use crate::walk::{MAX_DEPTH, Walk, WalkError};
use serde_json::Value as Schema;

pub(super) fn lookup(member: &str) -> Option<super::StdFn> {
    Some(match member {
        "fromJson" => |a| from_json(arg(a, 0), &str_arg(a, 1)?),
        "tryFromJson" => |a| Ok(from_json(arg(a, 0), &str_arg(a, 1)?).unwrap_or(Value::Nil)),
        "parseJson" => |a| from_json(&super::json::parse(&str_arg(a, 0)?)?, &str_arg(a, 1)?),
        "tryParseJson" => |a| {
            let Some(text) = super::opt_str_arg(a, 0)? else { return Ok(Value::Nil) };
            Ok(super::json::parse(&text).and_then(|v| from_json(&v, &str_arg(a, 1)?)).unwrap_or(Value::Nil))
        },
        _ => return None,
    })
}

fn from_json(value: &Value, schema: &str) -> StdResult {
    let schema: Schema = serde_json::from_str(schema).map_err(|e| StdError(format!("invalid struct schema: {e}")))?;
    let structs = schema.get("structs").and_then(Schema::as_array).map(Vec::as_slice).unwrap_or_default();
    let name = structs.first().and_then(|s| s.get("struct")).and_then(Schema::as_str).unwrap_or("struct").to_string();
    let root = serde_json::json!({ "ref": 0 });
    convert(value, &root, structs, "", &mut Walk::default())
        .map_err(|problem| StdError(format!("unable to parse {name}: {problem}")))
}

/// The value checked against `schema` (its struct references numbering
/// `structs`), rebuilt (collections copied, sets made sets); `at` is the
/// field path so far, for messages; `walk` holds the collections being
/// converted (a value that contains itself is reported, not followed).
fn convert(value: &Value, schema: &Schema, structs: &[Schema], at: &str, walk: &mut Walk) -> Result<Value, String> {
    let expected = |what: &str| Err(format!("{} must be {what}, found {}", place(at), value.kind_name()));
    match schema {
        Schema::String(kind) => match (kind.as_str(), value) {
            ("str", Value::Str(_)) | ("num", Value::Num(_)) | ("bool", Value::Bool(_)) => Ok(value.clone()),
            ("Json" | "any", _) => value.deep_copy().map_err(|e| e.to_string()),
            ("str", _) => expected("a string"),
            ("num", _) => expected("a number"),
            ("bool", _) => expected("a boolean"),
            _ => expected(kind),
        },
        Schema::Object(shape) => {
            if let Some(inner) = shape.get("optional") {
                return if value.is_nil() { Ok(Value::Nil) } else { convert(value, inner, structs, at, walk) };
            }
            if let Some(number) = shape.get("ref").and_then(Schema::as_u64) {
                let referred = structs.get(number as usize).ok_or_else(|| format!("invalid struct schema at {}", place(at)))?;
                return convert(value, referred, structs, at, walk);
            }
            if let Some(item) = shape.get("array").or_else(|| shape.get("set")) {
                let Value::Array(items) = value else { return expected("an array") };
                let items = inside(walk, value, at, |walk| {
                    let items = items.borrow();
                    items.iter().enumerate().map(|(i, v)| convert(v, item, structs, &format!("{at}[{i}]"), walk)).collect()
                })?;
                return Ok(if shape.contains_key("set") { Value::set(items) } else { Value::array(items) });
            }
            if let Some(item) = shape.get("map") {
                let Value::Map(entries) = value else { return expected("an object") };
                return inside(walk, value, at, |walk| {
                    let entries = entries.borrow();
                    let each = entries.iter().map(|(k, v)| Ok((k.clone(), convert(v, item, structs, &join(at, k), walk)?)));
                    each.collect::<Result<Entries, _>>().map(Value::map)
                });
            }
            if let Some(values) = shape.get("values").and_then(Schema::as_array) {
                let allowed = values.iter().filter_map(Schema::as_str).collect::<Vec<_>>();
                return match value {
                    Value::Str(s) if allowed.contains(&s.as_str()) => Ok(value.clone()),
                    _ => Err(format!("{} must be one of {}", place(at), allowed.join(", "))),
                };
            }
            let Value::Map(entries) = value else { return expected("an object") };
            inside(walk, value, at, |walk| {
                let entries = entries.borrow();
                let mut out = Entries::default();
                for field in shape.get("fields").and_then(Schema::as_array).into_iter().flatten() {
                    let (Some(name), Some(field_schema)) = (field.get(0).and_then(Schema::as_str), field.get(1)) else {
                        continue;
                    };
                    let path = join(at, name);
                    match entries.get(name) {
                        Some(v) if !v.is_nil() => {
                            out.insert(name.to_string(), convert(v, field_schema, structs, &path, walk)?);
                        }
                        _ if field_schema.get("optional").is_some() => {}
                        _ => return Err(format!("{} is missing", place(&path))),
                    }
                }
                Ok(Value::map(out))
            })
        }
        _ => value.deep_copy().map_err(|e| e.to_string()),
    }
}

/// Converts the items of the collection `value` (at `at`) with `walk`
/// holding it: a value met again inside itself, or nested too deeply, is
/// reported where it is.
fn inside<T>(
    walk: &mut Walk,
    value: &Value,
    at: &str,
    convert: impl FnOnce(&mut Walk) -> Result<T, String>,
) -> Result<T, String> {
    let entered = walk.enter(value).map_err(|e| match e {
        WalkError::Circular(_) => format!("{} refers back to a value that contains it", place(at)),
        WalkError::TooDeep => format!("{} is nested more than {MAX_DEPTH} levels deep", place(at)),
    })?;
    let result = convert(walk);
    walk.leave(entered);
    result
}

fn join(at: &str, field: &str) -> String {
    if at.is_empty() { field.to_string() } else { format!("{at}.{field}") }
}

fn place(at: &str) -> String {
    if at.is_empty() { "the value".to_string() } else { format!("field \"{at}\"") }
}

#[cfg(test)]
mod tests {
    use super::*;

    const PERSON: &str =
        r#"{"structs":[{"struct":"Person","fields":[["name","str"],["age",{"optional":"num"}],["tags",{"array":"str"}]]}]}"#;
    const NODE: &str = r#"{"structs":[{"struct":"Node","fields":[["value","num"],["next",{"optional":{"ref":0}}]]}]}"#;

    #[test]
    fn valid_json_becomes_the_struct() {
        let json = crate::ops::json::parse(r#"{"name":"ada","tags":["x"],"extra":1}"#).unwrap();
        let person = from_json(&json, PERSON).unwrap();
        assert_eq!(person.to_json_text().unwrap(), r#"{"name":"ada","tags":["x"]}"#);
    }

    #[test]
    fn recursive_structs_are_checked_at_every_level() {
        let good = crate::ops::json::parse(r#"{"value":1,"next":{"value":2,"next":{"value":3}}}"#).unwrap();
        assert_eq!(
            from_json(&good, NODE).unwrap().to_json_text().unwrap(),
            r#"{"value":1,"next":{"value":2,"next":{"value":3}}}"#
        );
        let bad = crate::ops::json::parse(r#"{"value":1,"next":{"value":2,"next":{"value":"3"}}}"#).unwrap();
        assert_eq!(
            from_json(&bad, NODE).unwrap_err().0,
            "unable to parse Node: field \"next.next.value\" must be a number, found a string"
        );
    }

    #[test]
    fn a_value_that_contains_itself_is_reported() {
        let json = crate::ops::json::parse(r#"{"value":1,"next":{"value":2}}"#).unwrap();
        let Value::Map(entries) = &json else { unreachable!() };
        let next = entries.borrow()["next"].clone();
        let Value::Map(next_entries) = &next else { unreachable!() };
        next_entries.borrow_mut().insert("next".to_string(), json.clone());
        assert_eq!(
            from_json(&json, NODE).unwrap_err().0,
            "unable to parse Node: field \"next.next\" refers back to a value that contains it"
        );
    }

    #[test]
    fn problems_name_the_field() {
        let missing = crate::ops::json::parse(r#"{"tags":[]}"#).unwrap();
        assert_eq!(from_json(&missing, PERSON).unwrap_err().0, "unable to parse Person: field \"name\" is missing");
        let wrong = crate::ops::json::parse(r#"{"name":"a","tags":[1]}"#).unwrap();
        assert_eq!(
            from_json(&wrong, PERSON).unwrap_err().0,
            "unable to parse Person: field \"tags[0]\" must be a string, found a number"
        );
    }
}
