//! Host functions: takes a bundle's imports, gives a linker that provides
//! each one. `wing:std` core intrinsics (strings, boxes, closures, `log`,
//! `throw`), `wing:util` (waiting, the environment) and `wing:http` (the
//! HTTP client) are written here; resource operations (`wing:cloud`,
//! `wing:ex`) go through one capability-checking bridge to the simulator's
//! operations; every other stdlib member is bridged to [`wing_std::ops`].
//! Both bridges convert Wasm values by the representations the compiler
//! recorded in the `wing.imports` section.
//!
//! Errors come in two kinds. A Wing error (`throw`, a missing object, a
//! failed `expect`) is raised as a Wasm exception with [`raise`], so a
//! `try`/`catch` in the bundle can handle it. A broken rule of the host
//! (a capability not granted, an invalid handle, memory exhausted) fails
//! the invocation outright.

mod core;
mod fast_paths;
mod http;
mod resources;
mod std_bridge;
mod util;

use crate::bundle::{BundleInfo, SourceFrame};
use crate::state::{HostState, fatal};
use wasmtime::{AsContextMut, Caller, ExnRef, ExnRefPre, ExnType, Extern, Linker, Module, WasmBacktrace};
use wing_std::Value;

/// A linker with every import of `module` defined.
pub fn link(module: &Module, info: &BundleInfo) -> wasmtime::Result<Linker<HostState>> {
    let mut linker = Linker::new(module.engine());
    for import in module.imports() {
        let (module_name, name) = (import.module(), import.name());
        let Some(ty) = import.ty().func().cloned() else {
            return Err(fatal(format!("the bundle imports {module_name} {name}, which is not a function")));
        };
        let defined = match module_name {
            "wing:std" => core::define(&mut linker, name)?,
            "wing:cloud" | "wing:ex" => resources::define(&mut linker, module_name, name, ty.clone(), info)?,
            "wing:util" => util::define(&mut linker, name)?,
            "wing:http" => http::define(&mut linker, name)?,
            _ => false,
        };
        if !defined && !std_bridge::define(&mut linker, module_name, name, ty, info)? {
            return Err(fatal(format!(
                "the bundle imports `{name}` from `{module_name}`, which this simulator does not provide"
            )));
        }
    }
    Ok(linker)
}

/// Raises a Wing error with `message`: a Wasm exception carrying the
/// message's handle, with the inflight trace kept for the report. A bundle
/// without the `error` tag cannot catch, so the invocation fails instead.
pub fn raise<T>(caller: &mut Caller<'_, HostState>, message: String) -> wasmtime::Result<T> {
    raise_from(caller, message, Vec::new())
}

/// [`raise`] for an error that began in a nested invocation: its frames
/// come first in the trace.
pub fn raise_from<T>(caller: &mut Caller<'_, HostState>, message: String, mut trace: Vec<SourceFrame>) -> wasmtime::Result<T> {
    trace.extend(caller.data().bundle.info.trace(&WasmBacktrace::capture(&*caller)));
    caller.data_mut().error_trace = trace;
    let Some(Extern::Tag(tag)) = caller.get_export("error") else {
        return Err(fatal(message));
    };
    let handle = caller.data_mut().alloc(Value::string(message))?;
    let ty = ExnType::from_tag_type(&tag.ty(&*caller))?;
    let allocator = ExnRefPre::new(&mut *caller, ty);
    let exception = ExnRef::new(&mut *caller, &allocator, &tag, &[wasmtime::Val::I32(handle)])?;
    caller.as_context_mut().throw(exception)
}

/// The text of a `str` handle.
pub fn text(caller: &Caller<'_, HostState>, handle: i32) -> wasmtime::Result<std::rc::Rc<wing_std::Text>> {
    match caller.data().get(handle)? {
        Value::Str(s) => Ok(s.clone()),
        other => Err(fatal(format!("expected a string handle, found {}", other.kind_name()))),
    }
}

/// The number a `num` or `duration` value holds.
pub fn number(value: &Value) -> wasmtime::Result<f64> {
    match value {
        Value::Num(n) | Value::Duration(n) => Ok(*n),
        other => Err(fatal(format!("expected a number, found {}", other.kind_name()))),
    }
}

/// A new handle for `value`.
pub fn alloc(caller: &mut Caller<'_, HostState>, value: Value) -> wasmtime::Result<i32> {
    caller.data_mut().alloc(value)
}
