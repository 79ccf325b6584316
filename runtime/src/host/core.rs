//! The core intrinsics of `wing:std` (spec/abi.md, "Core intrinsics"):
//! what compiled code needs to build and inspect values, call closures,
//! log and throw. Typed host functions: these are the hot path.

use super::{alloc, number, raise, text};
use crate::state::{GuestFunction, HostState, Object, fatal};
use std::rc::Rc;
use wasmtime::{Caller, Extern, Linker};
use wing_abi::text::{format_num, with_num_text};
use wing_std::ops::{from_end, index_in};
use wing_std::{Ref, RefKind, Text, Value};

type Host<'a> = Caller<'a, HostState>;
type R<T> = wasmtime::Result<T>;

/// Defines the intrinsic `name`; `false` when it is not one.
pub fn define(linker: &mut Linker<HostState>, name: &str) -> R<bool> {
    const M: &str = "wing:std";
    match name {
        "str.const" => linker.func_wrap(M, name, string_constant)?,
        "str.concat" => linker.func_wrap(M, name, |mut c: Host<'_>, a: i32, b: i32| -> R<i32> {
            let joined = Text::concat(&*text(&c, a)?, &text(&c, b)?);
            alloc(&mut c, Value::Str(Rc::new(joined)))
        })?,
        "str.concat_num" => linker.func_wrap(M, name, |mut c: Host<'_>, a: i32, n: f64| -> R<i32> {
            let head = text(&c, a)?;
            let joined = with_num_text(n, |digits| Text::concat(&head, digits));
            alloc(&mut c, Value::Str(Rc::new(joined)))
        })?,
        "str.append" => linker.func_wrap(M, name, |mut c: Host<'_>, a: i32, b: i32| -> R<i32> {
            let piece = text(&c, b)?;
            c.data_mut().append(a, &piece)
        })?,
        "str.release" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32| -> R<()> {
            c.data_mut().release(h);
            Ok(())
        })?,
        "value.drop" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32| -> R<()> {
            c.data_mut().free(h);
            Ok(())
        })?,
        "str.cmp" => linker.func_wrap(M, name, |c: Host<'_>, a: i32, b: i32| -> R<f64> {
            Ok(match text(&c, a)?.cmp(&text(&c, b)?) {
                std::cmp::Ordering::Less => -1.0,
                std::cmp::Ordering::Equal => 0.0,
                std::cmp::Ordering::Greater => 1.0,
            })
        })?,
        "value.eq" => linker.func_wrap(M, name, |c: Host<'_>, a: i32, b: i32| -> R<i32> {
            Ok(i32::from(a == b || c.data().get(a)?.equals(c.data().get(b)?)))
        })?,
        "value.some" => {
            linker.func_wrap(M, name, |c: Host<'_>, h: i32| -> R<i32> { Ok(if c.data().get(h)?.is_nil() { 0 } else { h }) })?
        }
        "value.str" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32| -> R<i32> {
            match c.data().get(h)?.to_text() {
                Ok(shown) => alloc(&mut c, Value::string(shown)),
                Err(problem) => super::raise(&mut c, problem.to_string()),
            }
        })?,
        "json.str" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32| -> R<i32> {
            match c.data().get(h)?.to_json_text() {
                Ok(shown) => alloc(&mut c, Value::string(shown)),
                Err(problem) => super::raise(&mut c, problem.to_string()),
            }
        })?,
        "num.str" => {
            linker.func_wrap(M, name, |mut c: Host<'_>, n: f64| -> R<i32> { alloc(&mut c, Value::string(format_num(n))) })?
        }
        "bool.str" => linker.func_wrap(M, name, |mut c: Host<'_>, b: i32| -> R<i32> {
            alloc(&mut c, Value::str(if b != 0 { "true" } else { "false" }))
        })?,
        "num.pow" => linker.func_wrap(M, name, |a: f64, b: f64| a.powf(b))?,
        "num.rem" => linker.func_wrap(M, name, |a: f64, b: f64| a % b)?,
        "num.box" => linker.func_wrap(M, name, |mut c: Host<'_>, n: f64| -> R<i32> { alloc(&mut c, Value::Num(n)) })?,
        "num.unbox" => linker.func_wrap(M, name, |c: Host<'_>, h: i32| -> R<f64> { number(c.data().get(h)?) })?,
        "bool.box" => linker.func_wrap(M, name, |mut c: Host<'_>, b: i32| -> R<i32> { alloc(&mut c, Value::Bool(b != 0)) })?,
        "bool.unbox" => linker.func_wrap(M, name, |c: Host<'_>, h: i32| -> R<i32> { boolean(c.data().get(h)?) })?,
        "num.take" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32| -> R<f64> {
            let n = number(c.data().get(h)?)?;
            c.data_mut().free(h);
            Ok(n)
        })?,
        "bool.take" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32| -> R<i32> {
            let b = boolean(c.data().get(h)?)?;
            c.data_mut().free(h);
            Ok(b)
        })?,
        "array.new" | "env.new" => linker.func_wrap(M, name, |mut c: Host<'_>, len: i32| -> R<i32> {
            let len = usize::try_from(len).map_err(|_| fatal("negative length"))?;
            c.data_mut().charge(16 * len)?;
            alloc(&mut c, Value::array(vec![Value::Nil; len]))
        })?,
        "array.init" | "env.set" => linker.func_wrap(M, name, |c: Host<'_>, a: i32, i: i32, h: i32| -> R<()> {
            let value = c.data().value(h)?;
            set_slot(&c, a, i, value)
        })?,
        "array.init_num" | "env.set_num" => {
            linker.func_wrap(M, name, |c: Host<'_>, a: i32, i: i32, n: f64| -> R<()> { set_slot(&c, a, i, Value::Num(n)) })?
        }
        "array.init_bool" | "env.set_bool" => linker
            .func_wrap(M, name, |c: Host<'_>, a: i32, i: i32, b: i32| -> R<()> { set_slot(&c, a, i, Value::Bool(b != 0)) })?,
        "env.get" => linker.func_wrap(M, name, |mut c: Host<'_>, a: i32, i: i32| -> R<i32> {
            let value = slot(&c, a, i)?;
            alloc(&mut c, value)
        })?,
        "env.get_num" => linker.func_wrap(M, name, |c: Host<'_>, a: i32, i: i32| -> R<f64> { number(&slot(&c, a, i)?) })?,
        "env.get_bool" => linker.func_wrap(M, name, |c: Host<'_>, a: i32, i: i32| -> R<i32> {
            match slot(&c, a, i)? {
                Value::Bool(b) => Ok(i32::from(b)),
                other => Err(fatal(format!("expected a boolean, found {}", other.kind_name()))),
            }
        })?,
        "map.new" => linker.func_wrap(M, name, |mut c: Host<'_>| -> R<i32> { alloc(&mut c, Value::map(Default::default())) })?,
        "map.init" => linker.func_wrap(M, name, |mut c: Host<'_>, m: i32, k: i32, h: i32| -> R<()> {
            let value = c.data().value(h)?;
            insert(&mut c, m, k, value)
        })?,
        "map.init_num" => linker
            .func_wrap(M, name, |mut c: Host<'_>, m: i32, k: i32, n: f64| -> R<()> { insert(&mut c, m, k, Value::Num(n)) })?,
        "map.init_bool" => linker.func_wrap(M, name, |mut c: Host<'_>, m: i32, k: i32, b: i32| -> R<()> {
            insert(&mut c, m, k, Value::Bool(b != 0))
        })?,
        "closure.new" => linker.func_wrap(M, name, |mut c: Host<'_>, table_index: i32, env: i32| -> R<i32> {
            let table_index = u32::try_from(table_index).map_err(|_| fatal("negative table index"))?;
            let function = c.data_mut().add_function(GuestFunction { table_index, env });
            alloc(&mut c, function)
        })?,
        "closure.func" => {
            linker.func_wrap(M, name, |c: Host<'_>, h: i32| -> R<i32> { Ok(c.data().function(h)?.table_index as i32) })?
        }
        "closure.env" => linker.func_wrap(M, name, |c: Host<'_>, h: i32| -> R<i32> { Ok(c.data().function(h)?.env) })?,
        "object.new" => linker.func_wrap(M, name, |mut c: Host<'_>, class: i32, fields: i32| -> R<i32> {
            let fields = usize::try_from(fields).map_err(|_| fatal("negative field count"))?;
            let object = c.data_mut().add_object(Object { class: class as u32, fields: vec![Value::Nil; fields] })?;
            alloc(&mut c, object)
        })?,
        "object.class" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32| -> R<i32> {
            // A closure held where a handler interface is expected has no
            // class: its `handle` is the closure itself.
            if matches!(c.data().get(h)?, Value::Ref(Ref { kind: RefKind::Function, .. })) {
                return Ok(-1);
            }
            Ok(c.data_mut().object(h)?.class as i32)
        })?,
        "object.get" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32, i: i32| -> R<i32> {
            let value = field(&mut c, h, i)?;
            alloc(&mut c, value)
        })?,
        "object.get_num" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32, i: i32| -> R<f64> {
            match field(&mut c, h, i)? {
                Value::Num(n) | Value::Duration(n) => Ok(n),
                other => Err(fatal(format!("expected a number field, found {}", other.kind_name()))),
            }
        })?,
        "object.get_bool" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32, i: i32| -> R<i32> {
            match field(&mut c, h, i)? {
                Value::Bool(b) => Ok(i32::from(b)),
                other => Err(fatal(format!("expected a boolean field, found {}", other.kind_name()))),
            }
        })?,
        "object.set" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32, i: i32, v: i32| -> R<()> {
            let value = c.data().value(v)?;
            set_field(&mut c, h, i, value)
        })?,
        "object.set_num" => linker
            .func_wrap(M, name, |mut c: Host<'_>, h: i32, i: i32, n: f64| -> R<()> { set_field(&mut c, h, i, Value::Num(n)) })?,
        "object.set_bool" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32, i: i32, b: i32| -> R<()> {
            set_field(&mut c, h, i, Value::Bool(b != 0))
        })?,
        "set.from_array" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32| -> R<i32> {
            let items = match c.data().get(h)? {
                Value::Array(items) => items.borrow().clone(),
                other => return Err(fatal(format!("expected an array, found {}", other.kind_name()))),
            };
            alloc(&mut c, Value::set(items))
        })?,
        "collection.get" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32, key: i32| -> R<i32> {
            let (collection, key) = (c.data().value(h)?, c.data().value(key)?);
            match element(&collection, &key) {
                Ok(value) => alloc(&mut c, value),
                Err(message) => raise(&mut c, message),
            }
        })?,
        "collection.set" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32, key: i32, v: i32| -> R<()> {
            let (collection, key, value) = (c.data().value(h)?, c.data().value(key)?, c.data().value(v)?);
            match set_element(&collection, &key, value) {
                Ok(()) => Ok(()),
                Err(message) => raise(&mut c, message),
            }
        })?,
        "throw" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32| -> R<()> {
            let message = c.data().get(h)?.display();
            raise(&mut c, message)
        })?,
        "log" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32| -> R<()> {
            let line = c.data().get(h)?.display();
            c.data_mut().log(line);
            Ok(())
        })?,
        _ => return Ok(false),
    };
    Ok(true)
}

/// `str.const(ptr, len)`: a string constant from the bundle's memory,
/// read once: every later use of the constant gets the same handle (a
/// `str` is immutable, and only a slot made by `str.append` changes).
fn string_constant(mut caller: Host<'_>, ptr: i32, len: i32) -> R<i32> {
    if let Some(handle) = caller.data().constant(ptr, len) {
        return Ok(handle);
    }
    let Some(Extern::Memory(memory)) = caller.get_export("memory") else {
        return Err(fatal("the bundle has no memory for its string constants"));
    };
    let data = memory.data(&caller);
    let start = usize::try_from(ptr).map_err(|_| fatal("negative string offset"))?;
    let end = start.checked_add(usize::try_from(len).map_err(|_| fatal("negative string length"))?);
    let bytes = end.and_then(|end| data.get(start..end)).ok_or_else(|| fatal("string constant out of bounds"))?;
    let text = std::str::from_utf8(bytes).map_err(|_| fatal("string constant is not UTF-8"))?.to_string();
    let handle = alloc(&mut caller, Value::string(text))?;
    caller.data_mut().remember_constant(ptr, len, handle);
    Ok(handle)
}

fn field(caller: &mut Host<'_>, object: i32, index: i32) -> R<Value> {
    let object = caller.data_mut().object(object)?;
    usize::try_from(index).ok().and_then(|i| object.fields.get(i).cloned()).ok_or_else(|| fatal("field index out of range"))
}

fn set_field(caller: &mut Host<'_>, object: i32, index: i32, value: Value) -> R<()> {
    let object = caller.data_mut().object(object)?;
    let slot =
        usize::try_from(index).ok().and_then(|i| object.fields.get_mut(i)).ok_or_else(|| fatal("field index out of range"))?;
    *slot = value;
    Ok(())
}

/// `a[i]` / `m["k"]` / `j["k"]` / `j[0]` for compound element assignment.
fn element(collection: &Value, key: &Value) -> Result<Value, String> {
    match (collection, key) {
        (Value::Array(items), Value::Num(i)) => {
            let items = items.borrow();
            index_in(from_end(*i, items.len()), items.len()).map(|i| items[i].clone()).map_err(|e| e.0)
        }
        (Value::Map(entries), Value::Str(k)) => {
            entries.borrow().get(k.as_str()).cloned().ok_or_else(|| format!("key \"{k}\" does not exist"))
        }
        _ => Err(format!("cannot index {} with {}", collection.kind_name(), key.kind_name())),
    }
}

fn set_element(collection: &Value, key: &Value, value: Value) -> Result<(), String> {
    match (collection, key) {
        (Value::Array(items), Value::Num(i)) => {
            let mut items = items.borrow_mut();
            let i = index_in(from_end(*i, items.len()), items.len()).map_err(|e| e.0)?;
            items[i] = value;
            Ok(())
        }
        (Value::Map(entries), Value::Str(k)) => {
            wing_std::value::insert_property(&mut entries.borrow_mut(), k, value);
            Ok(())
        }
        _ => Err(format!("cannot set an element of {} with {}", collection.kind_name(), key.kind_name())),
    }
}

fn set_slot(caller: &Host<'_>, array: i32, index: i32, value: Value) -> R<()> {
    match caller.data().get(array)? {
        Value::Array(items) => {
            let mut items = items.borrow_mut();
            let slot = usize::try_from(index).ok().and_then(|i| items.get_mut(i)).ok_or_else(|| fatal("slot out of range"))?;
            *slot = value;
            Ok(())
        }
        other => Err(fatal(format!("expected an array handle, found {}", other.kind_name()))),
    }
}

fn slot(caller: &Host<'_>, array: i32, index: i32) -> R<Value> {
    match caller.data().get(array)? {
        Value::Array(items) => {
            usize::try_from(index).ok().and_then(|i| items.borrow().get(i).cloned()).ok_or_else(|| fatal("slot out of range"))
        }
        other => Err(fatal(format!("expected an environment handle, found {}", other.kind_name()))),
    }
}

fn insert(caller: &mut Host<'_>, map: i32, key: i32, value: Value) -> R<()> {
    let key = caller.data().get(key)?.display();
    caller.data_mut().charge(32 + key.len())?;
    match caller.data().get(map)? {
        Value::Map(entries) => {
            wing_std::value::insert_property(&mut entries.borrow_mut(), &key, value);
            Ok(())
        }
        other => Err(fatal(format!("expected a map handle, found {}", other.kind_name()))),
    }
}

/// A `bool` behind a handle, as an `i32`.
fn boolean(value: &Value) -> R<i32> {
    match value {
        Value::Bool(b) => Ok(i32::from(*b)),
        other => Err(fatal(format!("expected a boolean, found {}", other.kind_name()))),
    }
}
