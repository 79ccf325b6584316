//! Typed host functions for the collection members inner loops call most:
//! `at`, `length`, `set` and `push` of arrays, `get`, `tryGet`, `has` and
//! `set` of maps, each for the representations its import declares.
//! Takes an import the std bridge is about to define, gives a host function
//! that works on the receiver where it lies in the value table: no clone of
//! the receiver, no argument list, no lookup by name, no conversion by
//! letters (together about half of a bridged call). Results, errors and
//! memory charges are those of `wing_std::ops::collections`, which the
//! bridge runs for every other member and shape.

use super::{alloc, number, raise};
use crate::bundle::{ImportSignature, Repr};
use crate::state::{HostState, array_size, entries_size, fatal, released};
use wasmtime::{Caller, Linker};
use wing_std::ops::collections::missing_key;
use wing_std::ops::index_in;
use wing_std::{Entries, Text, Value};

type Host<'a> = Caller<'a, HostState>;
type R<T> = wasmtime::Result<T>;

/// Defines `name` from `module` when `operation` (`MutArray.at`) with
/// `signature` has a fast path; `false` otherwise.
pub fn define(linker: &mut Linker<HostState>, module: &str, name: &str, operation: &str, signature: &ImportSignature) -> R<bool> {
    let Some((class, member)) = operation.split_once('.') else { return Ok(false) };
    let array = matches!(class, "Array" | "MutArray");
    let map = matches!(class, "Map" | "MutMap");
    use Repr::{Handle, Num, Void};
    match (member, signature.params.as_slice(), signature.result) {
        ("length", [Handle], Num) if array => linker
            .func_wrap(module, name, |c: Host<'_>, a: i32| -> R<f64> { Ok(with_items(&c, a, |items| items.len())? as f64) })?,
        ("at", [Handle, Num], Num) if array => linker.func_wrap(module, name, |mut c: Host<'_>, a: i32, i: f64| -> R<f64> {
            match number_item(&c, a, i)? {
                Some(n) => n,
                None => raise(&mut c, OUT_OF_BOUNDS.into()),
            }
        })?,
        ("at", [Handle, Num], Handle) if array => {
            linker.func_wrap(module, name, |mut c: Host<'_>, a: i32, i: f64| -> R<i32> {
                match item(&c, a, i)? {
                    Some(value) => alloc(&mut c, value),
                    None => raise(&mut c, OUT_OF_BOUNDS.into()),
                }
            })?
        }
        ("push", [Handle, Num], Void) if class == "MutArray" => {
            linker.func_wrap(module, name, |mut c: Host<'_>, a: i32, n: f64| -> R<()> {
                grow_items(&mut c, a, |items| items.push(Value::Num(n)))
            })?
        }
        ("push", [Handle, Handle], Void) if class == "MutArray" => {
            linker.func_wrap(module, name, |mut c: Host<'_>, a: i32, h: i32| -> R<()> {
                let value = c.data().value(h)?;
                push(&mut c, a, value)
            })?
        }
        ("set", [Handle, Num, Num], Void) if class == "MutArray" => {
            linker.func_wrap(module, name, |mut c: Host<'_>, a: i32, i: f64, n: f64| -> R<()> {
                set_item(&mut c, a, i, Value::Num(n))
            })?
        }
        ("set", [Handle, Num, Handle], Void) if class == "MutArray" => {
            linker.func_wrap(module, name, |mut c: Host<'_>, a: i32, i: f64, h: i32| -> R<()> {
                let value = c.data().value(h)?;
                set_item(&mut c, a, i, value)
            })?
        }
        ("get", [Handle, Handle], Num) if map => linker.func_wrap(module, name, |mut c: Host<'_>, m: i32, k: i32| -> R<f64> {
            match number_entry(&c, m, k)? {
                Ok(n) => n,
                Err(missing) => raise(&mut c, missing),
            }
        })?,
        ("get", [Handle, Handle], Handle) if map => {
            linker.func_wrap(module, name, |mut c: Host<'_>, m: i32, k: i32| -> R<i32> {
                match entry(&c, m, k)? {
                    Ok(value) => alloc(&mut c, value),
                    Err(missing) => raise(&mut c, missing),
                }
            })?
        }
        ("tryGet", [Handle, Handle], Handle) if map => {
            linker.func_wrap(module, name, |mut c: Host<'_>, m: i32, k: i32| -> R<i32> {
                let value = entry(&c, m, k)?.unwrap_or_default();
                alloc(&mut c, value)
            })?
        }
        ("has", [Handle, Handle], Repr::Bool) if map => {
            linker.func_wrap(module, name, |c: Host<'_>, m: i32, k: i32| -> R<i32> {
                with_entries(&c, m, k, |entries, key| i32::from(entries.contains_key(key.as_str())))
            })?
        }
        ("set", [Handle, Handle, Num], Void) if class == "MutMap" => {
            linker.func_wrap(module, name, |mut c: Host<'_>, m: i32, k: i32, n: f64| -> R<()> {
                set_entry(&mut c, m, k, Value::Num(n))
            })?
        }
        ("set", [Handle, Handle, Handle], Void) if class == "MutMap" => {
            linker.func_wrap(module, name, |mut c: Host<'_>, m: i32, k: i32, h: i32| -> R<()> {
                let value = c.data().value(h)?;
                set_entry(&mut c, m, k, value)
            })?
        }
        _ => return Ok(false),
    };
    Ok(true)
}

const OUT_OF_BOUNDS: &str = "Index out of bounds";

/// `f(items)` for the array behind handle `a`.
fn with_items<T>(c: &Host<'_>, a: i32, f: impl FnOnce(&mut Vec<Value>) -> T) -> R<T> {
    match c.data().get(a)? {
        Value::Array(items) => Ok(f(&mut items.borrow_mut())),
        other => Err(fatal(format!("expected an array, found {}", other.kind_name()))),
    }
}

/// The item at `i` of the array behind `a`; `None` out of bounds.
fn item(c: &Host<'_>, a: i32, i: f64) -> R<Option<Value>> {
    with_items(c, a, |items| index_in(i, items.len()).ok().map(|i| items[i].clone()))
}

/// The number at `i` of the array behind `a`; `None` out of bounds. Read
/// in place: moving a [`Value`] through an `Option` costs more than the
/// rest of the call.
fn number_item(c: &Host<'_>, a: i32, i: f64) -> R<Option<R<f64>>> {
    with_items(c, a, |items| index_in(i, items.len()).ok().map(|i| number(&items[i])))
}

/// `MutArray.push(value)`. An array argument is the variadic values, as
/// `wing_std` takes them (copied first: it may be the receiver itself).
fn push(c: &mut Host<'_>, a: i32, value: Value) -> R<()> {
    match &value {
        Value::Array(values) => {
            let values = values.borrow().clone();
            grow_items(c, a, |items| items.extend(values))
        }
        _ => grow_items(c, a, |items| items.push(value)),
    }
}

/// `add(items)` for the array behind `a`, charged the room it grew by.
fn grow_items(c: &mut Host<'_>, a: i32, add: impl FnOnce(&mut Vec<Value>)) -> R<()> {
    let grown = with_items(c, a, |items| {
        let before = array_size(items);
        add(items);
        array_size(items) - before
    })?;
    c.data_mut().charge(grown)
}

/// `MutArray.set(i, value)`; the item it replaces is given back.
fn set_item(c: &mut Host<'_>, a: i32, i: f64, value: Value) -> R<()> {
    let freed =
        with_items(c, a, |items| index_in(i, items.len()).ok().map(|i| released(std::mem::replace(&mut items[i], value))))?;
    let Some(bytes) = freed else { return raise(c, OUT_OF_BOUNDS.into()) };
    c.data_mut().credit(bytes);
    Ok(())
}

/// `f(entries, key)` for the map behind `m` and the string behind `k`.
fn with_entries<T>(c: &Host<'_>, m: i32, k: i32, f: impl FnOnce(&mut Entries, &Text) -> T) -> R<T> {
    let key = match c.data().get(k)? {
        Value::Str(key) => key,
        other => return Err(fatal(format!("expected a string key, found {}", other.kind_name()))),
    };
    match c.data().get(m)? {
        Value::Map(entries) => Ok(f(&mut entries.borrow_mut(), key)),
        other => Err(fatal(format!("expected a map, found {}", other.kind_name()))),
    }
}

/// The value at key `k` of the map behind `m`, or the error `get` raises.
fn entry(c: &Host<'_>, m: i32, k: i32) -> R<Result<Value, String>> {
    with_entries(c, m, k, |entries, key| entries.get(key.as_str()).cloned().ok_or_else(|| missing_key(key).0))
}

/// [`entry`] for a number, read in place.
fn number_entry(c: &Host<'_>, m: i32, k: i32) -> R<Result<R<f64>, String>> {
    with_entries(c, m, k, |entries, key| entries.get(key.as_str()).map(number).ok_or_else(|| missing_key(key).0))
}

/// `MutMap.set(k, value)`: replaces in place (the old value is given
/// back) or inserts, charged the entry it adds.
fn set_entry(c: &mut Host<'_>, m: i32, k: i32, value: Value) -> R<()> {
    let (grown, freed) = with_entries(c, m, k, |entries, key| {
        let before = entries_size(entries);
        let freed = wing_std::value::insert_property(entries, key, value).map_or(0, released);
        (entries_size(entries) - before, freed)
    })?;
    c.data_mut().credit(freed);
    c.data_mut().charge(grown)
}
