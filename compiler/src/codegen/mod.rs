//! Inflight code generation: takes an inflight closure value (a handler or a
//! `test` block) with the checker's tables, gives one Wasm bundle: the
//! handler, every closure nested in it, the imports they call, and the
//! lifted values and capability handles the host must place in slots
//! `1..=n` (see `spec/abi.md`).

mod function;
mod module;

use crate::check::{Semantics, Types, VarId};
use crate::diagnostics::{Diagnostic, SourceMap};
use crate::preflight::{ClosureValue, FnBody, RefKind, ResourceId, ResourceTree};
use function::{Emitter, Pending};
use module::ModuleBuilder;
use std::collections::HashMap;
use wing_abi::LiftedValue;

#[derive(Debug)]
pub struct CompiledBundle {
    pub wasm: Vec<u8>,
    /// Slot `i + 1` holds `lifts[i]`.
    pub lifts: Vec<LiftedValue>,
    /// Wing type names of the handler's parameters and result.
    pub params: Vec<String>,
    pub result: String,
}

/// Compiles the bundle whose entry is `closure`; `entry_name` names the
/// entry in stack traces (`test "adds"`, `root/Default/Queue/Consumer0`).
pub fn compile_bundle(
    sem: &Semantics,
    sources: &SourceMap,
    tree: &ResourceTree<'_>,
    closure: &ClosureValue<'_>,
    entry_name: &str,
) -> Result<CompiledBundle, Box<Diagnostic>> {
    let span = match closure.body {
        FnBody::Closure(c) => c.span,
        FnBody::Test(b) => b.span,
    };
    let Some(info) = sem.closures.get(closure.node) else {
        return Err(Diagnostic::error("E0600", "internal error: handler was not checked", span).into());
    };
    let mut lifts = Vec::new();
    let mut slots: HashMap<VarId, u32> = HashMap::new();
    for lift in &info.lifts {
        let var = sem.var(lift.var);
        let Some(value) = closure.env.get(lift.var) else {
            return Err(Diagnostic::error(
                "E0601",
                format!("`{}` has no value when the inflight code is created", var.name),
                var.span,
            )
            .with_label("declared here")
            .into());
        };
        let ops: Vec<String> = lift.ops.iter().cloned().collect();
        let lifted = value.to_lifted(&mut |reference| match reference.kind {
            RefKind::Resource => {
                Some(LiftedValue::Resource { path: tree.get(ResourceId(reference.id)).path.clone(), ops: ops.clone() })
            }
            _ => None,
        });
        let Some(lifted) = lifted else {
            return Err(Diagnostic::error(
                "E0900",
                format!(
                    "using `{}` (a function defined outside this inflight code) is not supported by this version of wingc yet",
                    var.name
                ),
                var.span,
            )
            .with_label("defined here")
            .with_help("define the function inside the inflight closure that uses it")
            .into());
        };
        lifts.push(lifted);
        slots.insert(lift.var, lifts.len() as u32);
    }
    let file = sources.get(span.file).name.clone();
    let mut builder = ModuleBuilder::default();
    let root = builder.reserve_function();
    let mut pending = vec![Pending { index: root, node: closure.node, body: closure.body, name: entry_name.to_string() }];
    while let Some(next) = pending.pop() {
        let code = Emitter::new(sem, sources, &mut builder, &slots, &mut pending).emit_function(&next)?;
        builder.define_function(next.index, code);
    }
    Ok(CompiledBundle {
        wasm: builder.finish(&file),
        lifts,
        params: info.params.iter().map(|p| sem.types.display(sem.var(*p).ty)).collect(),
        result: if info.result == Types::ERROR { "void".to_string() } else { sem.types.display(info.result) },
    })
}
