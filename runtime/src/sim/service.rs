//! `cloud.Service`: a long-running piece of inflight code. Starting it runs
//! its handler on a thread of its own, in an instance that stays alive;
//! the handler may give back a closure, which stopping the service calls in
//! that same instance. `autoStart` (the default) starts it with the
//! simulator; stopping the simulator stops it.

use super::function::Function;
use super::ops::{Op, OpContext, OpError, wing};
use super::{ResourceIndex, ResourceState, Shared, lock};
use crate::invoke::{Failure, Invocation};
use std::sync::mpsc;
use std::sync::{Arc, Mutex};
use std::thread::JoinHandle;
use wing_std::Value;

pub struct Service {
    pub function: Function,
    pub auto_start: bool,
    running: Mutex<Option<Running>>,
}

struct Running {
    stop: mpsc::Sender<()>,
    thread: JoinHandle<Result<(), Failure>>,
}

impl Service {
    pub fn new(function: Function, auto_start: bool) -> Service {
        Service { function, auto_start, running: Mutex::new(None) }
    }
}

/// Starts the service at `index` (nothing if it runs): returns once its
/// handler has returned, with the handler's failure if it failed.
pub fn start(sim: &Arc<Shared>, index: ResourceIndex) -> Result<(), Failure> {
    let Some(service) = service(sim, index) else { return Ok(()) };
    let mut running = lock(&service.running);
    if running.is_some() {
        return Ok(());
    }
    let (started_tx, started_rx) = mpsc::channel();
    let (stop_tx, stop_rx) = mpsc::channel();
    let thread_sim = sim.clone();
    let thread = std::thread::Builder::new()
        .name("wing-service".into())
        .stack_size(crate::engine::INVOCATION_STACK)
        .spawn(move || run(&thread_sim, index, &started_tx, &stop_rx))
        .map_err(|e| Failure::message(format!("cannot start the service's thread: {e}")))?;
    match started_rx.recv() {
        Ok(Ok(())) => {
            *running = Some(Running { stop: stop_tx, thread });
            sim.notify();
            Ok(())
        }
        Ok(Err(failure)) => {
            let _ = thread.join();
            Err(failure)
        }
        Err(_) => {
            let _ = thread.join();
            Err(Failure::message("the service's thread stopped before the service started"))
        }
    }
}

/// Stops the service at `index` (nothing if it does not run): returns once
/// its stop closure has run, with the closure's failure if it failed.
pub fn stop(sim: &Shared, index: ResourceIndex) -> Result<(), Failure> {
    let Some(service) = service(sim, index) else { return Ok(()) };
    let Some(running) = lock(&service.running).take() else { return Ok(()) };
    let _ = running.stop.send(());
    let result = running.thread.join().unwrap_or_else(|_| Err(Failure::message("the service's thread panicked")));
    sim.notify();
    result
}

/// Stops every running service, logging failures of their stop closures.
pub fn stop_all(sim: &Shared) {
    for (index, node) in sim.resources().iter().enumerate() {
        if matches!(node.state, ResourceState::Service(_))
            && let Err(failure) = stop(sim, index)
        {
            sim.log(&node.path, format!("error: stopping the service failed: {failure}"));
        }
    }
}

/// The service thread: start, wait for the stop signal, stop.
fn run(
    sim: &Arc<Shared>,
    index: ResourceIndex,
    started: &mpsc::Sender<Result<(), Failure>>,
    stop: &mpsc::Receiver<()>,
) -> Result<(), Failure> {
    let Some(service) = service(sim, index) else { return Ok(()) };
    let path = &sim.resource(index).path;
    let function = &service.function;
    let invocation = Invocation::new(sim, function.bundle, path)
        .timeout(function.timeout)
        .heap_limit(function.heap_limit)
        .env(function.env.clone());
    let mut live = match invocation.instantiate() {
        Ok(live) => live,
        Err(failure) => {
            let _ = started.send(Err(failure));
            return Ok(());
        }
    };
    let stop_closure = match live.call_entry(&[]) {
        Ok(closure) => closure,
        Err(failure) => {
            let _ = started.send(Err(failure));
            return Ok(());
        }
    };
    let _ = started.send(Ok(()));
    let _ = stop.recv();
    match stop_closure {
        Value::Nil => Ok(()),
        closure => live.call_closure(&closure),
    }
}

fn service(sim: &Shared, index: ResourceIndex) -> Option<&Service> {
    match &sim.resource(index).state {
        ResourceState::Service(service) => Some(service),
        _ => None,
    }
}

/// The service operation `method`.
pub fn op(method: &str) -> Option<Op> {
    Some(match method {
        "start" => |ctx, _| start(ctx.sim, ctx.index).map(|_| Value::Nil).map_err(OpError::from),
        // As in Wing, a failing stop closure is logged, not thrown: the
        // service is stopped either way.
        "stop" => |ctx, _| {
            if let Err(failure) = stop(ctx.sim, ctx.index) {
                ctx.sim.log(&ctx.sim.resource(ctx.index).path, format!("error: stopping the service failed: {failure}"));
            }
            Ok(Value::Nil)
        },
        "started" => |ctx, _| started(ctx),
        _ => return None,
    })
}

fn started(ctx: &OpContext<'_>) -> Result<Value, OpError> {
    match service(ctx.sim, ctx.index) {
        Some(service) => Ok(Value::Bool(lock(&service.running).is_some())),
        None => wing("not a service"),
    }
}
