//! One invocation of a bundle: takes the simulator, a bundle and argument
//! values, gives the result value or a [`Failure`] (the message and the
//! inflight stack trace in `.w` terms).
//!
//! Each invocation gets a fresh store and instance (the baseline isolation
//! of `spec/abi.md`): its handle table starts with the bundle's lifted
//! values in slots `1..=n`, and everything it creates is dropped with it.
//! Values going in and out are deep-copied, so a callee never shares
//! mutable data with its caller.

use crate::bundle::{Repr, SourceFrame};
use crate::engine::{EPOCH_TICK, engine};
use crate::sim::Shared;
use crate::state::{Capability, GuestFunction, HostState, Object};
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wasmtime::{Store, ThrownException, Trap, Val, WasmBacktrace};
use wing_abi::LiftedValue;
use wing_std::Value;

/// The memory one invocation's values may use.
pub const DEFAULT_HEAP_LIMIT: usize = 128 << 20;

/// Why an invocation failed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    pub message: String,
    /// Innermost first.
    pub trace: Vec<SourceFrame>,
}

impl Failure {
    pub fn message(message: impl Into<String>) -> Failure {
        Failure { message: message.into(), trace: Vec::new() }
    }
}

impl fmt::Display for Failure {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.message)?;
        for frame in &self.trace {
            write!(f, "\n  {frame}")?;
        }
        Ok(())
    }
}

impl std::error::Error for Failure {}

/// An invocation about to run.
pub struct Invocation<'a> {
    shared: &'a Arc<Shared>,
    bundle: usize,
    path: &'a str,
    timeout: Duration,
    heap_limit: usize,
}

impl<'a> Invocation<'a> {
    pub fn new(shared: &'a Arc<Shared>, bundle: usize, path: &'a str) -> Invocation<'a> {
        Invocation { shared, bundle, path, timeout: crate::sim::DEFAULT_TIMEOUT, heap_limit: DEFAULT_HEAP_LIMIT }
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Runs the bundle's entry with `args`.
    pub fn run(self, args: &[Value]) -> Result<Value, Failure> {
        let loaded = self.shared.app.bundle(self.bundle).clone();
        let state = HostState::new(self.shared.clone(), loaded.clone(), Arc::from(self.path), self.heap_limit);
        let mut store = Store::new(engine(), state);
        store.data_mut().deadline = Some(Instant::now() + self.timeout);
        store.set_epoch_deadline(ticks(self.timeout));
        self.place_lifts(&mut store, &loaded.lifts)?;
        let instance =
            loaded.pre.instantiate(&mut store).map_err(|e| Failure::message(format!("cannot start the bundle: {e}")))?;
        let entry =
            instance.get_func(&mut store, "handler").ok_or_else(|| Failure::message("the bundle has no `handler` export"))?;
        let mut params = vec![Val::I32(0)];
        for (arg, repr) in args.iter().zip(&loaded.params) {
            params.push(to_val(&mut store, &arg.deep_copy(), *repr)?);
        }
        let mut results = match loaded.result {
            Repr::Void => vec![],
            Repr::Num => vec![Val::F64(0)],
            _ => vec![Val::I32(0)],
        };
        match entry.call(&mut store, &params, &mut results) {
            Ok(()) => match results.first() {
                Some(result) => from_val(&store, result, loaded.result).map(|v| v.deep_copy()),
                None => Ok(Value::Nil),
            },
            Err(error) => Err(failure(&mut store, error, self.timeout)),
        }
    }

    /// Puts the lifted values in slots `1..=n`; gives the objects whose
    /// inflight initializer must run, innermost first.
    fn place_lifts(&self, store: &mut Store<HostState>, lifts: &[LiftedValue]) -> Result<Vec<i32>, Failure> {
        let fail = |e: wasmtime::Error| Failure::message(e.to_string());
        let mut inits = Vec::new();
        for lift in lifts {
            let value = self.materialize(store.data_mut(), lift, &mut inits)?;
            store.data_mut().place(value).map_err(fail)?;
        }
        // Handles for the objects to initialize come after every slot.
        inits.into_iter().map(|object| store.data_mut().alloc(object).map_err(fail)).collect()
    }

    /// The runtime value of a lifted value: data as it is, resources as
    /// capability handles, objects and closures in this invocation's tables.
    fn materialize(&self, state: &mut HostState, lifted: &LiftedValue, inits: &mut Vec<Value>) -> Result<Value, Failure> {
        let fail = |e: wasmtime::Error| Failure::message(e.to_string());
        Ok(match lifted {
            LiftedValue::Resource { path, ops } => match self.shared.index_of(path) {
                Some(resource) => state.add_capability(Capability { resource, ops: ops.iter().cloned().collect() }),
                None => return Err(Failure::message(format!("the bundle lifts {path}, which is not in the app"))),
            },
            LiftedValue::Closure { index } => state.add_function(GuestFunction { table_index: *index, env: 0 }),
            LiftedValue::Object { id, fields, init, .. } => {
                let fields = fields.values().map(|f| self.materialize(state, f, inits)).collect::<Result<Vec<_>, _>>()?;
                let object = state.add_object(Object { class: *id, fields }).map_err(fail)?;
                if *init {
                    inits.push(object.clone());
                }
                object
            }
            LiftedValue::Array(items) => {
                Value::array(items.iter().map(|i| self.materialize(state, i, inits)).collect::<Result<_, _>>()?)
            }
            LiftedValue::Set(items) => {
                Value::set(items.iter().map(|i| self.materialize(state, i, inits)).collect::<Result<_, _>>()?)
            }
            LiftedValue::Map(entries) => Value::map(
                entries
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), self.materialize(state, v, inits)?)))
                    .collect::<Result<_, Failure>>()?,
            ),
            data => Value::from_lifted(data, &mut |_| Value::Nil),
        })
    }
}

fn ticks(timeout: Duration) -> u64 {
    (timeout.as_nanos() / EPOCH_TICK.as_nanos()).max(1) as u64 + 1
}

fn to_val(store: &mut Store<HostState>, value: &Value, repr: Repr) -> Result<Val, Failure> {
    Ok(match (repr, value) {
        (Repr::Num, Value::Num(n) | Value::Duration(n)) => Val::F64(n.to_bits()),
        (Repr::Bool, Value::Bool(b)) => Val::I32(i32::from(*b)),
        (Repr::Handle, value) => Val::I32(store.data_mut().alloc(value.clone()).map_err(|e| Failure::message(e.to_string()))?),
        (_, other) => return Err(Failure::message(format!("the handler cannot take {}", other.kind_name()))),
    })
}

fn from_val(store: &Store<HostState>, val: &Val, repr: Repr) -> Result<Value, Failure> {
    Ok(match (repr, val) {
        (Repr::Num, Val::F64(bits)) => Value::Num(f64::from_bits(*bits)),
        (Repr::Bool, Val::I32(b)) => Value::Bool(*b != 0),
        (Repr::Handle, Val::I32(h)) => store.data().value(*h).map_err(|e| Failure::message(e.to_string()))?,
        _ => Value::Nil,
    })
}

/// The failure an error out of the guest stands for.
fn failure(store: &mut Store<HostState>, error: wasmtime::Error, timeout: Duration) -> Failure {
    if error.is::<ThrownException>() {
        let message = store
            .take_pending_exception()
            .and_then(|exception| exception.field(&mut *store, 0).ok())
            .and_then(|payload| payload.i32())
            .and_then(|handle| store.data().get(handle).ok().map(Value::display))
            .unwrap_or_else(|| "an exception without a message".to_string());
        return Failure { message, trace: std::mem::take(&mut store.data_mut().error_trace) };
    }
    let trace = error.downcast_ref::<WasmBacktrace>().map(|bt| store.data().bundle.info.trace(bt)).unwrap_or_default();
    let message = match error.downcast_ref::<Trap>() {
        Some(Trap::Interrupt) => format!("timed out after {}", crate::describe_duration(timeout)),
        Some(Trap::StackOverflow) => "stack overflow (is there an endless recursion?)".to_string(),
        Some(trap) => trap.to_string(),
        None => error.root_cause().to_string(),
    };
    Failure { message, trace }
}
