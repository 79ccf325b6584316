//! Stdlib members that are pure data operations, run by [`wing_std::ops`]:
//! takes an import's name and Wasm type (plus the representations the
//! compiler recorded), gives a host function converting Wasm values to
//! [`Value`]s and back. A failed operation raises a Wing error.

use super::raise;
use crate::bundle::{BundleInfo, ImportSignature, Repr};
use crate::state::{HostState, fatal};
use wasmtime::{Caller, FuncType, Linker, Val, ValType};
use wing_std::Value;

/// Defines `module`'s `name` if the std library has it.
pub fn define(
    linker: &mut Linker<HostState>,
    module: &str,
    name: &str,
    ty: FuncType,
    info: &BundleInfo,
) -> wasmtime::Result<bool> {
    let Some(short) = module.strip_prefix("wing:") else { return Ok(false) };
    // `MutArray.at@hf>f`: the operation `MutArray.at`, its generic value
    // crossing as a number (spec/abi.md, "Imports bound to the standard
    // library").
    let operation_name = name.split_once('@').map_or(name, |(base, _)| base);
    let Some(operation) = wing_std::ops::lookup(short, operation_name) else { return Ok(false) };
    let signature = info.import(module, name).cloned().unwrap_or_else(|| guess(&ty));
    if signature.params.len() != ty.params().len() {
        return Err(fatal(format!(
            "the bundle declares `{name}` with {} parameters, its type has {}",
            signature.params.len(),
            ty.params().len()
        )));
    }
    if super::fast_paths::define(linker, module, name, operation_name, &signature)? {
        return Ok(true);
    }
    // Only a member of a mutable collection grows its receiver.
    let may_grow = operation_name.starts_with("Mut");
    let call = Call { operation, signature, may_grow };
    let letter = |t: ValType| if matches!(t, ValType::F64) { 'f' } else { 'i' };
    let mut shape: String = ty.params().map(letter).collect();
    shape.push('>');
    shape.push(ty.results().next().map_or('v', letter));
    // A typed host function for the usual shapes (no `Val` conversions,
    // which were a third of a call); any other shape goes through
    // `func_new`.
    macro_rules! typed {
        ($(($($arg:ident: $t:ty),*) -> $r:ty),* $(,)?) => {
            match shape.as_str() {
                $(
                    s if s == shape_of(&[$(stringify!($t)),*], stringify!($r)) => {
                        linker.func_wrap(module, name, move |mut c: Caller<'_, HostState>, $($arg: $t),*| -> wasmtime::Result<$r> {
                            let out = call.run(&mut c, &[$(Raw::from($arg)),*])?;
                            <$r as FromRaw>::from_raw(out)
                        })?;
                        return Ok(true);
                    }
                )*
                _ => {}
            }
        };
    }
    typed!(
        () -> i32, () -> f64, () -> (),
        (a: i32) -> i32, (a: i32) -> f64, (a: i32) -> (),
        (a: f64) -> i32, (a: f64) -> f64, (a: f64) -> (),
        (a: i32, b: i32) -> i32, (a: i32, b: i32) -> f64, (a: i32, b: i32) -> (),
        (a: i32, b: f64) -> i32, (a: i32, b: f64) -> f64, (a: i32, b: f64) -> (),
        (a: f64, b: i32) -> i32, (a: f64, b: i32) -> f64, (a: f64, b: i32) -> (),
        (a: f64, b: f64) -> i32, (a: f64, b: f64) -> f64, (a: f64, b: f64) -> (),
        (a: i32, b: i32, c: i32) -> i32, (a: i32, b: i32, c: i32) -> f64, (a: i32, b: i32, c: i32) -> (),
        (a: i32, b: i32, c: f64) -> i32, (a: i32, b: i32, c: f64) -> f64, (a: i32, b: i32, c: f64) -> (),
        (a: i32, b: f64, c: i32) -> i32, (a: i32, b: f64, c: i32) -> f64, (a: i32, b: f64, c: i32) -> (),
        (a: i32, b: f64, c: f64) -> i32, (a: i32, b: f64, c: f64) -> f64, (a: i32, b: f64, c: f64) -> (),
    );
    linker.func_new(module, name, ty, move |mut caller: Caller<'_, HostState>, params: &[Val], results: &mut [Val]| {
        let raw = params
            .iter()
            .map(|val| match val {
                Val::F64(bits) => Ok(Raw::F64(f64::from_bits(*bits))),
                Val::I32(n) => Ok(Raw::I32(*n)),
                _ => Err(fatal("an argument is neither an i32 nor an f64")),
            })
            .collect::<wasmtime::Result<Vec<_>>>()?;
        let out = call.run(&mut caller, &raw)?;
        if let (Some(slot), Some(out)) = (results.first_mut(), out) {
            *slot = match out {
                Raw::I32(n) => Val::I32(n),
                Raw::F64(n) => Val::F64(n.to_bits()),
            };
        }
        Ok(())
    })?;
    Ok(true)
}

/// The shape letters of a Rust signature in [`define`]'s `typed!` list.
fn shape_of(params: &[&str], result: &str) -> String {
    let letter = |t: &str| {
        if t == "f64" {
            'f'
        } else if t == "i32" {
            'i'
        } else {
            'v'
        }
    };
    let mut shape: String = params.iter().map(|t| letter(t)).collect();
    shape.push('>');
    shape.push(letter(result));
    shape
}

/// A Wasm value as it arrives or leaves.
#[derive(Debug, Clone, Copy)]
enum Raw {
    I32(i32),
    F64(f64),
}

impl From<i32> for Raw {
    fn from(n: i32) -> Raw {
        Raw::I32(n)
    }
}

impl From<f64> for Raw {
    fn from(n: f64) -> Raw {
        Raw::F64(n)
    }
}

/// A typed result from what [`Call::run`] gave.
trait FromRaw: Sized {
    fn from_raw(raw: Option<Raw>) -> wasmtime::Result<Self>;
}

impl FromRaw for i32 {
    fn from_raw(raw: Option<Raw>) -> wasmtime::Result<i32> {
        match raw {
            Some(Raw::I32(n)) => Ok(n),
            _ => Err(fatal("a std operation gave no i32 result")),
        }
    }
}

impl FromRaw for f64 {
    fn from_raw(raw: Option<Raw>) -> wasmtime::Result<f64> {
        match raw {
            Some(Raw::F64(n)) => Ok(n),
            _ => Err(fatal("a std operation gave no f64 result")),
        }
    }
}

impl FromRaw for () {
    fn from_raw(_: Option<Raw>) -> wasmtime::Result<()> {
        Ok(())
    }
}

/// One std operation with the representations of its import.
#[derive(Clone)]
struct Call {
    operation: wing_std::ops::StdFn,
    signature: ImportSignature,
    /// The operation may grow its receiver (`MutArray.push`): measure it.
    may_grow: bool,
}

impl Call {
    /// Converts the arguments by the signature's letters, runs the
    /// operation, gives its result as a Wasm value (none for `void`).
    fn run(&self, caller: &mut Caller<'_, HostState>, params: &[Raw]) -> wasmtime::Result<Option<Raw>> {
        let value = |i: usize| -> wasmtime::Result<Value> {
            match (self.signature.params.get(i), params.get(i)) {
                (Some(Repr::Num), Some(Raw::F64(n))) => Ok(Value::Num(*n)),
                (Some(Repr::Bool), Some(Raw::I32(b))) => Ok(Value::Bool(*b != 0)),
                (Some(Repr::Handle), Some(Raw::I32(h))) => caller.data().value(*h),
                _ => Err(fatal("an argument does not match its declared representation")),
            }
        };
        // The arguments are built in place, exactly as many as there are:
        // a call allocates nothing but what the operation makes.
        let outcome = match params.len() {
            0 => self.apply(caller, &[]),
            1 => self.apply(caller, &[value(0)?]),
            2 => self.apply(caller, &[value(0)?, value(1)?]),
            3 => self.apply(caller, &[value(0)?, value(1)?, value(2)?]),
            n => {
                let args = (0..n).map(value).collect::<wasmtime::Result<Vec<_>>>()?;
                self.apply(caller, &args)
            }
        }?;
        match outcome {
            Ok(_) if self.signature.result == Repr::Void => Ok(None),
            Ok(result) => Ok(Some(match val_of(caller, result, self.signature.result)? {
                Val::F64(bits) => Raw::F64(f64::from_bits(bits)),
                Val::I32(n) => Raw::I32(n),
                _ => return Err(fatal("a std operation gave a value that is neither an i32 nor an f64")),
            })),
            Err(error) => raise(caller, error.0),
        }
    }

    /// Runs the operation; a method that grows its receiver in place
    /// (`push`, `set`) is charged what it added (credited what it took
    /// away: a map's entries), and one that replaces or
    /// removes values (`set`, `clear`) is credited what they alone held
    /// ([`wing_std::ops::displaced`]).
    fn apply(&self, caller: &mut Caller<'_, HostState>, args: &[Value]) -> wasmtime::Result<wing_std::StdResult> {
        if !self.may_grow {
            return Ok((self.operation)(args));
        }
        let before = args.first().map_or(0, crate::state::items_size);
        let mut outcome = (self.operation)(args);
        let after = args.first().map_or(0, crate::state::items_size);
        if after > before {
            caller.data_mut().charge(after - before)?;
        } else {
            caller.data_mut().credit(before - after);
        }
        if self.signature.result == Repr::Void
            && let Ok(Value::Array(displaced)) = &mut outcome
        {
            let freed: usize = std::mem::take(&mut *displaced.borrow_mut()).into_iter().map(crate::state::released).sum();
            caller.data_mut().credit(freed);
        }
        Ok(outcome)
    }
}

/// Representations from the Wasm type alone (a hand-made bundle without
/// the `wing.imports` section): `f64` is a number, `i32` a handle.
pub fn guess(ty: &FuncType) -> ImportSignature {
    let of = |t: ValType| if matches!(t, ValType::F64) { Repr::Num } else { Repr::Handle };
    ImportSignature { params: ty.params().map(of).collect(), result: ty.results().next().map_or(Repr::Void, of) }
}

pub fn value_of(caller: &Caller<'_, HostState>, val: &Val, repr: Repr) -> wasmtime::Result<Value> {
    Ok(match (repr, val) {
        (Repr::Num, Val::F64(bits)) => Value::Num(f64::from_bits(*bits)),
        (Repr::Bool, Val::I32(b)) => Value::Bool(*b != 0),
        (Repr::Handle, Val::I32(h)) => caller.data().value(*h)?,
        _ => return Err(fatal("an argument does not match its declared representation")),
    })
}

pub fn val_of(caller: &mut Caller<'_, HostState>, value: Value, repr: Repr) -> wasmtime::Result<Val> {
    Ok(match (repr, value) {
        (Repr::Num, Value::Num(n) | Value::Duration(n)) => Val::F64(n.to_bits()),
        (Repr::Bool, Value::Bool(b)) => Val::I32(i32::from(b)),
        (Repr::Handle, value) => Val::I32(caller.data_mut().alloc(value)?),
        (_, other) => return Err(fatal(format!("a std operation gave {}, not the declared type", other.kind_name()))),
    })
}
