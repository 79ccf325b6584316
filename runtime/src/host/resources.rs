//! Resource operations (`wing:cloud`, `wing:ex`): takes an import such as
//! `Bucket.put`, gives a host function that resolves its receiver through
//! the invocation's capabilities (`HostState::resource`: the handle's type
//! and granted operation), converts the arguments by the representations in
//! `wing.imports`, and runs the operation on the invocation's backend (the
//! simulator, or AWS). Which imports are operations is the table of
//! `sim::ops`, for every backend. An operation's Wing error is raised as an
//! exception; a broken rule fails the invocation. Attributes (`Api.url`)
//! need the handle, not a grant.

use super::std_bridge::{guess, val_of, value_of};
use super::{alloc, raise_from};
use crate::backend::{OpCall, OpError, Operation};
use crate::bundle::BundleInfo;
use crate::sim::ops;
use crate::state::{HostState, fatal};
use std::sync::Arc;
use wasmtime::{Caller, FuncType, Linker, Val};
use wing_std::Value;

/// Defines `module`'s `name` if it is a resource operation or attribute.
pub fn define(
    linker: &mut Linker<HostState>,
    module: &str,
    name: &str,
    ty: FuncType,
    info: &BundleInfo,
) -> wasmtime::Result<bool> {
    let Some(short) = module.strip_prefix("wing:") else { return Ok(false) };
    let Some((class, method)) = name.split_once('.') else { return Ok(false) };
    let type_name: Arc<str> = Arc::from(format!("{short}.{class}"));
    if method == "url" && matches!(&*type_name, "cloud.Api" | "cloud.Website") {
        linker.func_wrap(module, name, move |mut c: Caller<'_, HostState>, handle: i32| -> wasmtime::Result<i32> {
            let index = c.data().attribute_owner(handle, &type_name)?;
            let url = c.data().backend.attribute(index, "url").ok_or_else(|| fatal(format!("{type_name} has no url")))?;
            alloc(&mut c, Value::string(url))
        })?;
        return Ok(true);
    }
    let signature = info.import(module, name).cloned().unwrap_or_else(|| guess(&ty));
    let Some(simulated) = ops::lookup(&type_name, method) else {
        // A preflight property read inflight (`counter.initial`): the value
        // the compiler recorded in the resource's props.
        if signature.params.len() != 1 {
            return Ok(false);
        }
        let (property, result) = (method.to_string(), signature.result);
        linker.func_new(module, name, ty, move |mut c: Caller<'_, HostState>, params: &[Val], results: &mut [Val]| {
            let handle = params[0].i32().ok_or_else(|| fatal("a resource property needs a handle"))?;
            let index = c.data().attribute_owner(handle, &type_name)?;
            let value = c
                .data()
                .backend
                .property(index, &property)
                .map(|json| Value::from_json(&json))
                .ok_or_else(|| fatal(format!("{type_name} has no `{property}`")))?;
            if let Some(slot) = results.first_mut() {
                *slot = val_of(&mut c, value, result)?;
            }
            Ok(())
        })?;
        return Ok(true);
    };
    if signature.params.len() != ty.params().len() || signature.params.is_empty() {
        return Err(fatal(format!("the bundle declares `{name}` with a signature that does not match its type")));
    }
    let operation = Operation { type_name, method: Arc::from(method), simulated };
    linker.func_new(module, name, ty, move |mut caller: Caller<'_, HostState>, params: &[Val], results: &mut [Val]| {
        let receiver = params[0].i32().ok_or_else(|| fatal("a resource operation needs a handle"))?;
        let index = caller.data().resource(receiver, &operation.type_name, &operation.method)?;
        let args = params[1..]
            .iter()
            .zip(&signature.params[1..])
            .map(|(val, repr)| value_of(&caller, val, *repr))
            .collect::<wasmtime::Result<Vec<_>>>()?;
        let (backend, path) = (caller.data().backend.clone(), caller.data().path.clone());
        let call = OpCall { operation: &operation, resource: index, caller: &path, deadline: caller.data().deadline };
        match backend.operation(&call, &args) {
            Ok(result) => {
                if let Some(slot) = results.first_mut() {
                    *slot = val_of(&mut caller, result, signature.result)?;
                }
                Ok(())
            }
            Err(OpError::Wing(message, trace)) => raise_from(&mut caller, message, trace),
            Err(OpError::Fatal(message)) => Err(fatal(message)),
        }
    })?;
    Ok(true)
}
