//! Stdlib members that are pure data operations, run by [`wing_std::ops`]:
//! takes an import's name and Wasm type (plus the representations the
//! compiler recorded), gives a host function converting Wasm values to
//! [`Value`]s and back. A failed operation raises a Wing error.

use super::raise;
use crate::bundle::{BundleInfo, ImportSignature, Repr};
use crate::state::{HostState, fatal};
use wasmtime::{Caller, FuncType, Linker, Val, ValType};
use wing_std::Value;

/// Arguments of a call kept on the stack (more go to the heap).
const INLINE_ARGS: usize = 6;

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
    linker.func_new(module, name, ty, move |mut caller: Caller<'_, HostState>, params: &[Val], results: &mut [Val]| {
        // The arguments live on the stack: a call allocates nothing but
        // what the operation makes.
        let mut held: [Value; INLINE_ARGS] = Default::default();
        let mut spilled = Vec::new();
        let args: &mut [Value] = if params.len() <= INLINE_ARGS {
            &mut held[..params.len()]
        } else {
            spilled.resize(params.len(), Value::Nil);
            &mut spilled
        };
        for ((slot, val), repr) in args.iter_mut().zip(params).zip(&signature.params) {
            *slot = value_of(&caller, val, *repr)?;
        }
        let args = &*args;
        // A method that grows its receiver in place (`push`, `set`) is
        // charged what it added.
        let before = args.first().map_or(0, crate::state::items_size);
        let outcome = operation(args);
        let grown = args.first().map_or(0, crate::state::items_size).saturating_sub(before);
        if grown > 0 {
            caller.data_mut().charge(grown)?;
        }
        match outcome {
            Ok(result) => {
                if let Some(slot) = results.first_mut() {
                    *slot = val_of(&mut caller, result, signature.result)?;
                }
                Ok(())
            }
            Err(error) => raise(&mut caller, error.0),
        }
    })?;
    Ok(true)
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
