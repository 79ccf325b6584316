//! One invocation of a bundle: takes a backend (the simulator, or AWS), a
//! loaded bundle with its lifts and argument
//! values, gives the result value or a [`Failure`] (the message and the
//! inflight stack trace in `.w` terms).
//!
//! Each invocation gets a fresh store and instance (the baseline isolation
//! of `spec/abi.md`): its handle table starts with the bundle's lifted
//! values in slots `1..=n`, and everything it creates is dropped with it.
//! Values going in and out are deep-copied, so a callee never shares
//! mutable data with its caller. A [`Live`] instance outlives one call: a
//! `cloud.Service` keeps its own to call the stop closure its start gave.

use crate::LoadedBundle;
use crate::backend::Backend;
use crate::bundle::{Repr, SourceFrame};
use crate::engine::{EPOCH_TICK, engine};
use crate::sim::function::DEFAULT_TIMEOUT;
use crate::sim::{Outcome, Shared, Trace};
use crate::state::{Capability, GuestFunction, HostState, Object};
use std::collections::BTreeMap;
use std::fmt;
use std::sync::Arc;
use std::time::{Duration, Instant};
use wasmtime::{AsContextMut, Instance, Store, ThrownException, Trap, UpdateDeadline, Val, WasmBacktrace};
use wing_abi::LiftedValue;
use wing_std::Value;

/// How often running code checks its deadline and whether the simulator
/// stops: the precision of timeouts and of a stop.
const CHECK_EVERY: Duration = Duration::from_millis(5);

/// The failure of an invocation the stopping simulator interrupted.
pub const STOPPED: &str = "the simulator stopped";

/// The memory one invocation's values may use, unless its function says.
pub const DEFAULT_HEAP_LIMIT: usize = 1 << 30;

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
        // A recursion's repeated frames (one, or a cycle of mutually
        // recursive ones) are shown once, counted.
        for (frames, times) in repetitions(&self.trace) {
            match frames {
                [frame] if times > 1 => write!(f, "\n  {frame} ×{times}")?,
                _ => {
                    for frame in frames {
                        write!(f, "\n  {frame}")?;
                    }
                    if times > 1 {
                        write!(f, "\n  (these {} calls ×{times})", frames.len())?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// The longest cycle of frames folded into one repetition.
const MAX_CYCLE: usize = 4;

/// `trace` as blocks of frames with how many times each repeats in a row,
/// preferring the block length that folds the most frames.
fn repetitions(trace: &[SourceFrame]) -> Vec<(&[SourceFrame], usize)> {
    let mut blocks = Vec::new();
    let mut at = 0;
    while at < trace.len() {
        let times_of = |len: usize| {
            let block = &trace[at..at + len];
            1 + trace[at + len..].chunks_exact(len).take_while(|next| *next == block).count()
        };
        let (len, times) = (1..=MAX_CYCLE.min(trace.len() - at))
            .map(|len| (len, times_of(len)))
            .filter(|&(len, times)| len == 1 || times > 1)
            .max_by_key(|&(len, times)| (if times > 1 { len * times } else { 0 }, std::cmp::Reverse(len)))
            .unwrap_or((1, 1));
        blocks.push((&trace[at..at + len], times));
        at += len * times;
    }
    blocks
}

impl std::error::Error for Failure {}

/// An invocation about to run.
pub struct Invocation<'a> {
    backend: Arc<dyn Backend>,
    bundle: Arc<LoadedBundle>,
    /// The bundle's lifted values, attribute tokens resolved.
    lifts: Arc<[LiftedValue]>,
    path: &'a str,
    timeout: Duration,
    heap_limit: usize,
    env: Arc<BTreeMap<String, String>>,
}

impl<'a> Invocation<'a> {
    /// The bundle at `bundle` of a simulator's app.
    pub(crate) fn new(shared: &Arc<Shared>, bundle: usize, path: &'a str) -> Invocation<'a> {
        Invocation::of(shared.clone(), shared.app.bundle(bundle).clone(), shared.lifts_of(bundle), path)
    }

    /// `bundle` with `lifts`, its resources those of `backend`, for the
    /// code at `path`.
    pub fn of(backend: Arc<dyn Backend>, bundle: Arc<LoadedBundle>, lifts: Arc<[LiftedValue]>, path: &'a str) -> Invocation<'a> {
        Invocation { backend, bundle, lifts, path, timeout: DEFAULT_TIMEOUT, heap_limit: DEFAULT_HEAP_LIMIT, env: Arc::default() }
    }

    pub fn timeout(mut self, timeout: Duration) -> Self {
        self.timeout = timeout;
        self
    }

    /// Ends no later than `deadline` (the caller's, for a nested invoke):
    /// a caller's timeout covers what it waits for.
    pub fn within(mut self, deadline: Option<Instant>) -> Self {
        if let Some(deadline) = deadline {
            self.timeout = self.timeout.min(deadline.saturating_duration_since(Instant::now()));
        }
        self
    }

    pub fn heap_limit(mut self, bytes: usize) -> Self {
        self.heap_limit = bytes;
        self
    }

    pub fn env(mut self, env: Arc<BTreeMap<String, String>>) -> Self {
        self.env = env;
        self
    }

    /// Runs the bundle's entry with `args` in a fresh instance.
    pub fn run(self, args: &[Value]) -> Result<Value, Failure> {
        let started = self.backend.tracing().then(|| (Instant::now(), self.backend.elapsed()));
        let mut live = self.instantiate()?;
        let result = live.call_entry(args);
        if let Some((began, at)) = started {
            self.backend.record(Trace {
                path: self.path.to_string(),
                start_us: at.as_micros() as u64,
                duration_us: began.elapsed().as_micros() as u64,
                outcome: if result.is_ok() { Outcome::Ok } else { Outcome::Error },
                error: result.as_ref().err().map(Failure::to_string),
                logs: live.store.data_mut().take_logs(),
            });
        }
        result
    }

    /// A new instance of the bundle with its lifts in place.
    pub fn instantiate(&self) -> Result<Live, Failure> {
        let mut state = HostState::new(self.backend.clone(), self.bundle.clone(), Arc::from(self.path), self.heap_limit);
        state.env = self.env.clone();
        let mut store = Store::new(engine(), state);
        let inits = self.place_lifts(&mut store, &self.lifts)?;
        let instance =
            self.bundle.pre.instantiate(&mut store).map_err(|e| Failure::message(format!("cannot start the bundle: {e}")))?;
        watch(&mut store, self.timeout);
        if !inits.is_empty() {
            let init = instance
                .get_typed_func::<i32, ()>(&mut store, "wing_init")
                .map_err(|_| Failure::message("the bundle lifts objects to initialize but has no `wing_init` export"))?;
            for object in inits {
                init.call(&mut store, object).map_err(|error| failure(&mut store, error, self.timeout))?;
            }
        }
        Ok(Live { store, instance, timeout: self.timeout })
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
            LiftedValue::Resource { path, ops } => match self.backend.index_of(path) {
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

/// An instance that can be called more than once.
pub struct Live {
    store: Store<HostState>,
    instance: Instance,
    timeout: Duration,
}

impl Live {
    /// Calls the `handler` export with `args`; gives its result.
    pub fn call_entry(&mut self, args: &[Value]) -> Result<Value, Failure> {
        let loaded = self.store.data().bundle.clone();
        let entry = self
            .instance
            .get_func(&mut self.store, "handler")
            .ok_or_else(|| Failure::message("the bundle has no `handler` export"))?;
        let mut params = vec![Val::I32(0)];
        for (arg, repr) in args.iter().zip(&loaded.params) {
            let arg = arg.deep_copy().map_err(|problem| Failure::message(problem.to_string()))?;
            params.push(to_val(&mut self.store, &arg, *repr)?);
        }
        let mut results = match loaded.result {
            Repr::Void => vec![],
            Repr::Num => vec![Val::F64(0)],
            _ => vec![Val::I32(0)],
        };
        self.arm();
        match entry.call(&mut self.store, &params, &mut results) {
            Ok(()) => match results.first() {
                Some(result) => from_val(&self.store, result, loaded.result)?
                    .deep_copy()
                    .map_err(|problem| Failure::message(format!("the result cannot be returned: {problem}"))),
                None => Ok(Value::Nil),
            },
            Err(error) => Err(failure(&mut self.store, error, self.timeout)),
        }
    }

    /// Calls a guest closure `(): void` this instance made (a value its
    /// entry returned).
    pub fn call_closure(&mut self, closure: &Value) -> Result<(), Failure> {
        let handle = self.store.data_mut().alloc(closure.clone()).map_err(|e| Failure::message(e.to_string()))?;
        self.arm();
        let table = self.instance.get_table(&mut self.store, "table");
        match call_guest(&mut self.store, table, handle, &mut []) {
            Ok(()) => Ok(()),
            Err(error) => Err(failure(&mut self.store, error, self.timeout)),
        }
    }

    /// Starts the timeout anew for the next call.
    fn arm(&mut self) {
        watch(&mut self.store, self.timeout);
    }
}

/// Calls the guest closure behind `handle` (with its environment) through
/// the bundle's function `table`; `results` receives what it gives.
pub fn call_guest(
    mut store: impl AsContextMut<Data = HostState>,
    table: Option<wasmtime::Table>,
    handle: i32,
    results: &mut [Val],
) -> wasmtime::Result<()> {
    let function = store.as_context_mut().data().function(handle)?;
    let table = table.ok_or_else(|| crate::state::fatal("the bundle has no function table"))?;
    let entry = table
        .get(&mut store, u64::from(function.table_index))
        .and_then(|r| r.as_func().flatten().copied())
        .ok_or_else(|| crate::state::fatal(format!("no function at table index {}", function.table_index)))?;
    entry.call(&mut store, &[Val::I32(function.env)], results)
}

/// Ends the store's code `timeout` from now, or as soon as the simulator
/// stops: every [`CHECK_EVERY`] the running Wasm looks at the clock (not
/// at counted ticks, which a busy machine delivers late) and at the
/// simulator.
fn watch(store: &mut Store<HostState>, timeout: Duration) {
    store.data_mut().deadline = Some(Instant::now() + timeout);
    let ticks = (CHECK_EVERY.as_nanos() / EPOCH_TICK.as_nanos()).max(1) as u64;
    store.epoch_deadline_callback(move |context| {
        crate::slow::turning_slow();
        let state = context.data();
        if state.backend.is_stopping() {
            return Err(crate::state::fatal(STOPPED));
        }
        match state.deadline {
            Some(deadline) if Instant::now() >= deadline => Ok(UpdateDeadline::Interrupt),
            _ => Ok(UpdateDeadline::Continue(ticks)),
        }
    });
    store.set_epoch_deadline(ticks);
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

#[cfg(test)]
mod tests {
    use super::*;

    fn frame(function: &str, line: u32) -> SourceFrame {
        SourceFrame { function: function.to_string(), file: "main.w".to_string(), line, column: 5 }
    }

    #[test]
    fn a_recursion_is_shown_once_counted_and_so_is_a_mutual_one() {
        let test = frame("test \"t\"", 40);
        let mut trace = vec![frame("Ledger.total", 14); 5];
        trace.push(test.clone());
        let failure = Failure { message: "stack overflow".to_string(), trace };
        assert_eq!(failure.to_string(), "stack overflow\n  at main.w:14:5 (Ledger.total) ×5\n  at main.w:40:5 (test \"t\")");
        let mut trace = vec![frame("Ledger.isEven", 22)];
        for _ in 0..31 {
            trace.push(frame("Ledger.isOdd", 28));
            trace.push(frame("Ledger.isEven", 22));
        }
        trace.push(test);
        let failure = Failure { message: "stack overflow".to_string(), trace };
        assert_eq!(
            failure.to_string(),
            "stack overflow\n  at main.w:22:5 (Ledger.isEven)\n  at main.w:28:5 (Ledger.isOdd)\n  (these 2 calls ×31)\n  at main.w:22:5 (Ledger.isEven)\n  at main.w:40:5 (test \"t\")"
        );
    }
}
