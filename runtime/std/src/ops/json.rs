//! `Json` and `MutJson` members. A Json object is a [`Value::Map`], an
//! array a [`Value::Array`], `null` is [`Value::Nil`].

use super::{StdError, StdFn, StdResult, arg, displaced, index_in, num_arg, str_arg};
use crate::value::Entries;
use crate::value::Value;

pub(super) fn lookup(class: &str, member: &str) -> Option<StdFn> {
    Some(match (class, member) {
        (_, "get") => |a| get(a).and_then(|v| v.ok_or_else(|| missing_property(a))),
        (_, "tryGet") => |a| Ok(get(a)?.unwrap_or(Value::Nil)),
        (_, "getAt") => |a| get_at(a)?.ok_or_else(|| StdError::new("Index out of bounds")),
        (_, "tryGetAt") => |a| Ok(get_at(a)?.unwrap_or(Value::Nil)),
        // `j[i]`: negative positions count from the end, as for arrays.
        (_, "index") => |a| {
            let len = match arg(a, 0) {
                Value::Array(items) => items.borrow().len(),
                _ => 0,
            };
            let position = super::from_end(num_arg(a, 1)?, len);
            get_at(&[arg(a, 0).clone(), Value::Num(position)])?.ok_or_else(|| StdError::new("Index out of bounds"))
        },
        (_, "has") => |a| Ok(Value::Bool(get(a)?.is_some())),
        (_, "asStr") => |a| cast(a, |v| matches!(v, Value::Str(_)), "a string"),
        (_, "asNum") => |a| cast(a, |v| matches!(v, Value::Num(_)), "a number"),
        (_, "asBool") => |a| cast(a, |v| matches!(v, Value::Bool(_)), "a boolean"),
        (_, "tryAsStr") => |a| Ok(try_cast(a, |v| matches!(v, Value::Str(_)))),
        (_, "tryAsNum") => |a| Ok(try_cast(a, |v| matches!(v, Value::Num(_)))),
        (_, "tryAsBool") => |a| Ok(try_cast(a, |v| matches!(v, Value::Bool(_)))),
        ("MutJson", "set") => set,
        ("MutJson", "setAt") => set_at,
        ("MutJson", "delete") => |a| delete(&a[..a.len().min(2)]),
        ("Json", "keys") => keys,
        ("Json", "values") => values,
        ("Json", "entries") => entries,
        ("Json", "delete") => delete,
        ("Json", "stringify") => stringify,
        ("Json", "parse") => |a| parse(&str_arg(a, 0)?),
        ("Json", "tryParse") => |a| Ok(super::opt_str_arg(a, 0)?.and_then(|t| parse(&t).ok()).unwrap_or(Value::Nil)),
        ("Json", "deepCopy" | "deepCopyMut") => |a| Ok(arg(a, 0).deep_copy()?),
        _ => return None,
    })
}

/// The Json text parsed into a value, read straight into [`Value`]s (no
/// `serde_json::Value` tree in between).
pub fn parse(text: &str) -> StdResult {
    serde_json::from_str::<Parsed>(text).map(|parsed| parsed.0).map_err(|e| StdError(format!("invalid Json: {e}")))
}

/// A value read from Json text.
struct Parsed(Value);

impl<'de> serde::Deserialize<'de> for Parsed {
    fn deserialize<D: serde::Deserializer<'de>>(deserializer: D) -> Result<Parsed, D::Error> {
        deserializer.deserialize_any(ParsedVisitor).map(Parsed)
    }
}

/// Builds the value as [`Value::from_json`] would from the same text.
struct ParsedVisitor;

impl<'de> serde::de::Visitor<'de> for ParsedVisitor {
    type Value = Value;

    fn expecting(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("a Json value")
    }

    fn visit_bool<E>(self, b: bool) -> Result<Value, E> {
        Ok(Value::Bool(b))
    }

    fn visit_i64<E>(self, n: i64) -> Result<Value, E> {
        Ok(Value::Num(n as f64))
    }

    fn visit_u64<E>(self, n: u64) -> Result<Value, E> {
        Ok(Value::Num(n as f64))
    }

    fn visit_f64<E>(self, n: f64) -> Result<Value, E> {
        Ok(Value::Num(n))
    }

    fn visit_str<E>(self, s: &str) -> Result<Value, E> {
        Ok(Value::str(s))
    }

    fn visit_string<E>(self, s: String) -> Result<Value, E> {
        Ok(Value::string(s))
    }

    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Nil)
    }

    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Nil)
    }

    fn visit_seq<A: serde::de::SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::with_capacity(seq.size_hint().unwrap_or(0));
        while let Some(Parsed(item)) = seq.next_element()? {
            items.push(item);
        }
        Ok(Value::array(items))
    }

    fn visit_map<A: serde::de::MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut entries = Entries::default();
        while let Some((key, Parsed(item))) = map.next_entry::<String, Parsed>()? {
            entries.insert(key, item);
        }
        Ok(Value::map(entries))
    }
}

fn object(value: &Value) -> Result<std::cell::Ref<'_, Entries>, StdError> {
    match value {
        Value::Map(map) => Ok(map.borrow()),
        other => Err(StdError(format!("expected a Json object, found {}", other.kind_name()))),
    }
}

/// `Json.keys`: an object's keys, or an array's positions (as
/// JavaScript's `Object.keys` gives them).
fn keys(args: &[Value]) -> StdResult {
    match arg(args, 0) {
        Value::Array(items) => Ok(Value::array((0..items.borrow().len()).map(|i| Value::string(i.to_string())).collect())),
        value => Ok(Value::array(object(value)?.keys().map(|k| Value::str(k)).collect())),
    }
}

/// `Json.values`: an object's values, or an array's elements.
fn values(args: &[Value]) -> StdResult {
    match arg(args, 0) {
        Value::Array(items) => Ok(Value::array(items.borrow().clone())),
        value => Ok(Value::array(object(value)?.values().cloned().collect())),
    }
}

/// A property as JavaScript reads it: an object's key, or the element of
/// an array at a position written as a key (`"0"`).
fn get(args: &[Value]) -> Result<Option<Value>, StdError> {
    let key = str_arg(args, 1)?;
    Ok(match arg(args, 0) {
        Value::Map(map) => map.borrow().get(key.as_str()).cloned(),
        Value::Array(items) => crate::value::array_index(&key).and_then(|i| items.borrow().get(i as usize).cloned()),
        _ => None,
    })
}

fn missing_property(args: &[Value]) -> StdError {
    StdError(format!("Json property \"{}\" does not exist", arg(args, 1).display()))
}

/// An element as JavaScript reads `j[i]`: of an array, or an object's
/// property named by the number (`"0"`).
fn get_at(args: &[Value]) -> Result<Option<Value>, StdError> {
    let index = num_arg(args, 1)?;
    Ok(match arg(args, 0) {
        Value::Array(items) => {
            let items = items.borrow();
            index_in(index, items.len()).ok().map(|i| items[i].clone())
        }
        Value::Map(map) => map.borrow().get(&wing_abi::text::format_num(index)).cloned(),
        _ => None,
    })
}

fn cast(args: &[Value], is_kind: fn(&Value) -> bool, kind: &str) -> StdResult {
    let value = arg(args, 0);
    if is_kind(value) {
        Ok(value.clone())
    } else {
        let found = value.kind_name().trim_start_matches("a ").trim_start_matches("an ");
        Err(StdError(format!("unable to parse {found} {} as {kind}", value.display())))
    }
}

fn try_cast(args: &[Value], is_kind: fn(&Value) -> bool) -> Value {
    let value = arg(args, 0);
    if is_kind(value) { value.clone() } else { Value::Nil }
}

fn set(args: &[Value]) -> StdResult {
    let key = str_arg(args, 1)?;
    match arg(args, 0) {
        Value::Map(map) => {
            let old = crate::value::insert_property(&mut map.borrow_mut(), &key, arg(args, 2).clone());
            displaced(old.into_iter().collect())
        }
        other => Err(StdError(format!("cannot set a property of {}", other.kind_name()))),
    }
}

/// How far past its end `setAt` grows an array.
const MAX_GROWTH: usize = 1 << 20;

fn set_at(args: &[Value]) -> StdResult {
    let index = num_arg(args, 1)?;
    match arg(args, 0) {
        Value::Array(items) => {
            let mut items = items.borrow_mut();
            // Past the end, as in JavaScript, the array grows (with nulls),
            // within reason: a host allocation is not under the
            // invocation's memory limit.
            let within = index < (items.len() + MAX_GROWTH) as f64;
            if index >= 0.0 && index.fract() == 0.0 && within && index as usize >= items.len() {
                items.resize(index as usize, Value::Nil);
                items.push(arg(args, 2).clone());
                displaced(Vec::new())
            } else {
                let i = index_in(index, items.len())?;
                displaced(vec![std::mem::replace(&mut items[i], arg(args, 2).clone())])
            }
        }
        other => Err(StdError(format!("cannot set an element of {}", other.kind_name()))),
    }
}

/// `Json.delete(j, key)` and `j.delete(key)`: removes the key; gives true
/// (the key is no longer there), as Wing defines it.
fn delete(args: &[Value]) -> StdResult {
    let key = str_arg(args, 1)?;
    match arg(args, 0) {
        Value::Map(map) => {
            map.borrow_mut().shift_remove(key.as_str());
            Ok(Value::Bool(true))
        }
        other => Err(StdError(format!("cannot delete a property of {}", other.kind_name()))),
    }
}

fn entries(args: &[Value]) -> StdResult {
    let entry =
        |k: String, v: Value| Value::map(Entries::from_iter([("key".to_string(), Value::string(k)), ("value".to_string(), v)]));
    let entries = match arg(args, 0) {
        Value::Array(items) => items.borrow().iter().enumerate().map(|(i, v)| entry(i.to_string(), v.clone())).collect(),
        value => object(value)?.iter().map(|(k, v)| entry(k.clone(), v.clone())).collect(),
    };
    Ok(Value::array(entries))
}

/// `Json.stringify(j, indent: 2)`.
fn stringify(args: &[Value]) -> StdResult {
    let value = arg(args, 0);
    let indent = match arg(args, 1) {
        Value::Map(options) => options.borrow().get("indent").cloned(),
        _ => None,
    };
    Ok(Value::string(match indent {
        // As JavaScript: at most ten spaces.
        Some(Value::Num(n)) if n >= 1.0 => value.to_json_text_indented(n.min(10.0) as usize)?,
        _ => value.to_json_text()?,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(class: &str, member: &str, args: &[Value]) -> StdResult {
        lookup(class, member).expect("member exists")(args)
    }

    #[test]
    fn parsing_reads_what_serde_json_reads() {
        let texts = [
            r#"{"b": 1, "a": [true, null, -2.5e3, 18446744073709551615, "é\n"], "2": {}, "1": [], "b": 3}"#,
            "[]",
            "\"text\"",
            "-0",
        ];
        for text in texts {
            let direct = parse(text).unwrap();
            let through = Value::from_json(&serde_json::from_str(text).unwrap());
            assert!(direct.equals(&through), "{text}");
            assert_eq!(direct.to_json_text().unwrap(), through.to_json_text().unwrap(), "{text}");
        }
        assert!(parse("{").unwrap_err().0.starts_with("invalid Json: "));
    }

    #[test]
    fn get_and_casts_report_like_wing() {
        let j = parse(r#"{"a": [1, 2], "b": {"c": "x"}}"#).unwrap();
        assert!(call("Json", "get", &[j.clone(), Value::str("b")]).is_ok());
        assert_eq!(call("Json", "get", &[j.clone(), Value::str("z")]).unwrap_err().0, "Json property \"z\" does not exist");
        let a = call("Json", "get", &[j.clone(), Value::str("a")]).unwrap();
        assert!(call("Json", "getAt", &[a.clone(), Value::Num(1.0)]).unwrap().equals(&Value::Num(2.0)));
        assert_eq!(call("Json", "getAt", &[a.clone(), Value::Num(5.0)]).unwrap_err().0, "Index out of bounds");
        assert!(call("Json", "index", &[a.clone(), Value::Num(-1.0)]).unwrap().equals(&Value::Num(2.0)));
        assert_eq!(call("Json", "index", &[a, Value::Num(-9.0)]).unwrap_err().0, "Index out of bounds");
        let one = Value::Num(1.0);
        assert_eq!(call("Json", "asStr", std::slice::from_ref(&one)).unwrap_err().0, "unable to parse number 1 as a string");
        assert!(call("Json", "tryAsStr", &[one]).unwrap().is_nil());
    }

    #[test]
    fn mutation_and_static_helpers() {
        let j = parse("{}").unwrap();
        call("MutJson", "set", &[j.clone(), Value::str("x"), Value::Num(1.0)]).unwrap();
        call("MutJson", "set", &[j.clone(), Value::str("y"), parse(r#"[1, "a"]"#).unwrap()]).unwrap();
        assert_eq!(j.to_json_text().unwrap(), r#"{"x":1,"y":[1,"a"]}"#);
        assert_eq!(call("Json", "keys", std::slice::from_ref(&j)).unwrap().to_json_text().unwrap(), r#"["x","y"]"#);
        assert!(call("Json", "delete", &[j.clone(), Value::str("x")]).unwrap().equals(&Value::Bool(true)));
        assert_eq!(j.to_json_text().unwrap(), r#"{"y":[1,"a"]}"#);
        assert!(call("Json", "parse", &[Value::str("{bad")]).is_err());
    }
}
