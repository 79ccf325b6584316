//! `Array`/`MutArray`, `Map`/`MutMap` and `Set`/`MutSet` members.
//! The mutable classes have every member of their immutable one.

use super::{StdError, StdFn, StdResult, arg, displaced, from_end, index_in, num_arg, opt_num_arg, opt_str_arg, str_arg};
use crate::value::Value;
use std::cell::RefCell;
use std::rc::Rc;

pub(super) fn lookup(class: &str, member: &str) -> Option<StdFn> {
    match class {
        "Array" => array(member),
        "MutArray" => mut_array(member).or_else(|| array(member)),
        "Map" => map(member),
        "MutMap" => mut_map(member).or_else(|| map(member)),
        "Set" => set(member),
        "MutSet" => mut_set(member).or_else(|| set(member)),
        _ => None,
    }
}

type Items = Rc<RefCell<Vec<Value>>>;
type Entries = Rc<RefCell<crate::value::Entries>>;

fn items(value: &Value) -> Result<&Items, StdError> {
    match value {
        Value::Array(items) | Value::Set(items) => Ok(items),
        other => Err(super::mismatch("an array", other)),
    }
}

fn entries(value: &Value) -> Result<&Entries, StdError> {
    match value {
        Value::Map(entries) => Ok(entries),
        other => Err(super::mismatch("a map", other)),
    }
}

fn array(member: &str) -> Option<StdFn> {
    Some(match member {
        "length" => |a| Ok(Value::Num(items(arg(a, 0))?.borrow().len() as f64)),
        "at" => |a| at(a)?.ok_or_else(|| StdError::new("Index out of bounds")),
        // `a[i]`: negative positions count from the end.
        "index" => |a| {
            let list = items(arg(a, 0))?.borrow();
            let i = index_in(from_end(num_arg(a, 1)?, list.len()), list.len())?;
            Ok(list[i].clone())
        },
        // JavaScript's `Array.prototype.at`: a fraction is cut off and a
        // negative position counts from the end.
        "tryAt" => |a| {
            let list = items(arg(a, 0))?.borrow();
            let i = num_arg(a, 1)?;
            let i = if i.is_nan() { 0.0 } else { i.trunc() };
            Ok(index_in(from_end(i, list.len()), list.len()).map_or(Value::Nil, |i| list[i].clone()))
        },
        "contains" => |a| Ok(Value::Bool(position(a)?.is_some())),
        "indexOf" => |a| Ok(Value::Num(position(a)?.map_or(-1.0, |i| i as f64))),
        "lastIndexOf" => last_index_of,
        "join" => join,
        "concat" => concat,
        "slice" => slice,
        "copy" | "copyMut" => |a| Ok(Value::array(items(arg(a, 0))?.borrow().clone())),
        _ => return None,
    })
}

fn mut_array(member: &str) -> Option<StdFn> {
    Some(match member {
        "push" => push,
        "pop" => |a| items(arg(a, 0))?.borrow_mut().pop().ok_or_else(|| StdError::new("Cannot pop from an empty array")),
        "popAt" => |a| {
            let list = items(arg(a, 0))?;
            let i = index_in(num_arg(a, 1)?, list.borrow().len())?;
            Ok(list.borrow_mut().remove(i))
        },
        "set" => |a| {
            let list = items(arg(a, 0))?;
            let i = index_in(num_arg(a, 1)?, list.borrow().len())?;
            let old = std::mem::replace(&mut list.borrow_mut()[i], arg(a, 2).clone());
            displaced(vec![old])
        },
        "insert" => |a| {
            let list = items(arg(a, 0))?;
            let i = index_in(num_arg(a, 1)?, list.borrow().len() + 1)?;
            list.borrow_mut().insert(i, arg(a, 2).clone());
            Ok(Value::Nil)
        },
        "removeFirst" => remove_first,
        "clear" => |a| displaced(items(arg(a, 0))?.borrow_mut().drain(..).collect()),
        _ => return None,
    })
}

fn at(args: &[Value]) -> Result<Option<Value>, StdError> {
    let list = items(arg(args, 0))?.borrow();
    let index = num_arg(args, 1)?;
    Ok(index_in(index, list.len()).ok().map(|i| list[i].clone()))
}

/// Removes the first element equal to the argument; whether there was one.
fn remove_first(args: &[Value]) -> StdResult {
    let found = position(args)?;
    if let Some(i) = found {
        items(arg(args, 0))?.borrow_mut().remove(i);
    }
    Ok(Value::Bool(found.is_some()))
}

fn position(args: &[Value]) -> Result<Option<usize>, StdError> {
    let needle = arg(args, 1);
    Ok(items(arg(args, 0))?.borrow().iter().position(|v| v.equals(needle)))
}

fn last_index_of(args: &[Value]) -> StdResult {
    let needle = arg(args, 1);
    let found = items(arg(args, 0))?.borrow().iter().rposition(|v| v.equals(needle));
    Ok(Value::Num(found.map_or(-1.0, |i| i as f64)))
}

fn join(args: &[Value]) -> StdResult {
    let separator = opt_str_arg(args, 1)?.unwrap_or_else(|| Rc::new(crate::text::Text::from(",")));
    let list = items(arg(args, 0))?.borrow();
    // Written into one string: no string per element for `str` items.
    let mut joined = String::new();
    for (i, item) in list.iter().enumerate() {
        if i > 0 {
            joined.push_str(&separator);
        }
        match item {
            Value::Str(text) => joined.push_str(text),
            other => joined.push_str(&other.display()),
        }
    }
    Ok(Value::string(joined))
}

fn concat(args: &[Value]) -> StdResult {
    let mut joined = items(arg(args, 0))?.borrow().clone();
    joined.extend(items(arg(args, 1))?.borrow().iter().cloned());
    Ok(Value::array(joined))
}

/// JavaScript's `slice`: negative bounds count from the end.
fn slice(args: &[Value]) -> StdResult {
    let list = items(arg(args, 0))?.borrow();
    let len = list.len() as f64;
    let bound = |n: f64| (if n < 0.0 { len + n } else { n }).clamp(0.0, len) as usize;
    let start = opt_num_arg(args, 1)?.map_or(0, bound);
    let end = opt_num_arg(args, 2)?.map_or(list.len(), bound);
    Ok(Value::array(if start < end { list[start..end].to_vec() } else { Vec::new() }))
}

/// `push(...values)`: the variadic values arrive as one array.
fn push(args: &[Value]) -> StdResult {
    let list = items(arg(args, 0))?;
    match arg(args, 1) {
        Value::Array(values) => {
            let values = values.borrow().clone();
            list.borrow_mut().extend(values);
        }
        value => list.borrow_mut().push(value.clone()),
    }
    Ok(Value::Nil)
}

fn map(member: &str) -> Option<StdFn> {
    Some(match member {
        "size" => |a| Ok(Value::Num(entries(arg(a, 0))?.borrow().len() as f64)),
        "get" => |a| {
            let key = str_arg(a, 1)?;
            entries(arg(a, 0))?.borrow().get(key.as_str()).cloned().ok_or_else(|| missing_key(&key))
        },
        "tryGet" => |a| {
            let key = str_arg(a, 1)?;
            Ok(entries(arg(a, 0))?.borrow().get(key.as_str()).cloned().unwrap_or(Value::Nil))
        },
        "has" => |a| {
            let key = str_arg(a, 1)?;
            Ok(Value::Bool(entries(arg(a, 0))?.borrow().contains_key(key.as_str())))
        },
        "keys" => |a| Ok(Value::array(entries(arg(a, 0))?.borrow().keys().map(|k| Value::str(k)).collect())),
        "values" => |a| Ok(Value::array(entries(arg(a, 0))?.borrow().values().cloned().collect())),
        "entries" => |a| {
            let pairs = entries(arg(a, 0))?
                .borrow()
                .iter()
                .map(|(k, v)| {
                    Value::map(crate::value::Entries::from_iter([
                        ("key".to_string(), Value::str(k)),
                        ("value".to_string(), v.clone()),
                    ]))
                })
                .collect();
            Ok(Value::array(pairs))
        },
        "copy" | "copyMut" => |a| Ok(Value::map(entries(arg(a, 0))?.borrow().clone())),
        _ => return None,
    })
}

fn mut_map(member: &str) -> Option<StdFn> {
    Some(match member {
        "set" => |a| {
            let key = str_arg(a, 1)?;
            let old = crate::value::insert_property(&mut entries(arg(a, 0))?.borrow_mut(), &key, arg(a, 2).clone());
            displaced(old.into_iter().collect())
        },
        // As Wing defines it: true when the key is no longer there (also
        // when it never was).
        "delete" => |a| {
            let key = str_arg(a, 1)?;
            entries(arg(a, 0))?.borrow_mut().shift_remove(key.as_str());
            Ok(Value::Bool(true))
        },
        "clear" => |a| displaced(entries(arg(a, 0))?.borrow_mut().drain(..).map(|(_, value)| value).collect()),
        _ => return None,
    })
}

/// The error `get` raises for a missing key (Wing names `MutMap` on a
/// `MutMap`; the compiler binds both to `Map.get`).
pub fn missing_key(key: &str) -> StdError {
    StdError(format!("Map does not contain key: \"{key}\""))
}

fn set(member: &str) -> Option<StdFn> {
    Some(match member {
        "size" => |a| Ok(Value::Num(items(arg(a, 0))?.borrow().len() as f64)),
        "has" => |a| Ok(Value::Bool(position(a)?.is_some())),
        "toArray" => |a| Ok(Value::array(items(arg(a, 0))?.borrow().clone())),
        "copy" | "copyMut" => |a| Ok(Value::Set(Rc::new(RefCell::new(items(arg(a, 0))?.borrow().clone())))),
        _ => return None,
    })
}

fn mut_set(member: &str) -> Option<StdFn> {
    Some(match member {
        "add" => |a| {
            if position(a)?.is_none() {
                items(arg(a, 0))?.borrow_mut().push(arg(a, 1).clone());
            }
            Ok(arg(a, 0).clone())
        },
        "delete" => remove_first,
        "clear" => |a| displaced(items(arg(a, 0))?.borrow_mut().drain(..).collect()),
        _ => return None,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(class: &str, member: &str, args: &[Value]) -> StdResult {
        lookup(class, member).expect("member exists")(args)
    }

    fn nums(values: &[f64]) -> Value {
        Value::array(values.iter().map(|n| Value::Num(*n)).collect())
    }

    #[test]
    fn arrays_index_strictly_and_mutate_in_place() {
        let a = nums(&[3.0, 1.0]);
        assert_eq!(call("Array", "at", &[a.clone(), Value::Num(-1.0)]).unwrap_err().0, "Index out of bounds");
        call("MutArray", "push", &[a.clone(), nums(&[5.0])]).unwrap();
        assert!(call("MutArray", "pop", std::slice::from_ref(&a)).unwrap().equals(&Value::Num(5.0)));
        call("MutArray", "insert", &[a.clone(), Value::Num(0.0), Value::Num(9.0)]).unwrap();
        assert!(call("MutArray", "removeFirst", &[a.clone(), Value::Num(3.0)]).unwrap().equals(&Value::Bool(true)));
        assert!(call("Array", "join", &[a.clone(), Value::Nil]).unwrap().equals(&Value::str("9,1")));
        let sliced = call("Array", "slice", &[nums(&[1.0, 2.0, 3.0]), Value::Num(1.0), Value::Nil]).unwrap();
        assert_eq!(sliced.to_json_text().unwrap(), "[2,3]");
    }

    #[test]
    fn maps_and_sets() {
        let m = Value::map(crate::value::Entries::from_iter([("a".to_string(), Value::Num(1.0))]));
        call("MutMap", "set", &[m.clone(), Value::str("b"), Value::Num(2.0)]).unwrap();
        assert!(call("Map", "size", std::slice::from_ref(&m)).unwrap().equals(&Value::Num(2.0)));
        assert_eq!(call("Map", "get", &[m.clone(), Value::str("z")]).unwrap_err().0, "Map does not contain key: \"z\"");
        assert!(call("MutMap", "delete", &[m.clone(), Value::str("a")]).unwrap().equals(&Value::Bool(true)));
        assert!(call("MutMap", "delete", &[m.clone(), Value::str("a")]).unwrap().equals(&Value::Bool(true)));
        assert!(call("Map", "has", &[m.clone(), Value::str("a")]).unwrap().equals(&Value::Bool(false)));
        let s = Value::set(vec![Value::Num(1.0), Value::Num(2.0), Value::Num(2.0)]);
        call("MutSet", "add", &[s.clone(), Value::Num(3.0)]).unwrap();
        assert!(call("Set", "size", std::slice::from_ref(&s)).unwrap().equals(&Value::Num(3.0)));
    }
}
