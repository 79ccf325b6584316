//! `wing:util`: waiting and sleeping inside an invocation, and the
//! environment of the running function. Waits respect the invocation's
//! deadline; `waitUntil` re-runs its predicate whenever simulator state
//! changes, and at least every `interval`. (`uuidv4` and `nanoid` are data
//! operations of `wing-std`.)

use super::{alloc, raise, text};
use crate::backend::Waiting;
use crate::invoke::call_guest;
use crate::state::HostState;
use std::time::{Duration, Instant};
use wasmtime::{Caller, Extern, Linker, Val};
use wing_std::Value;

type Host<'a> = Caller<'a, HostState>;
type R<T> = wasmtime::Result<T>;

/// Defines the operation `name`; `false` when it is not one.
pub fn define(linker: &mut Linker<HostState>, name: &str) -> R<bool> {
    const M: &str = "wing:util";
    match name {
        "waitUntil" => linker.func_wrap(M, name, wait_until)?,
        "env" => linker.func_wrap(M, name, |mut c: Host<'_>, name: i32| -> R<i32> {
            let name = text(&c, name)?;
            match lookup_env(&c, &name) {
                Some(value) => alloc(&mut c, Value::string(value)),
                None => raise(&mut c, format!("the environment variable `{name}` is not set")),
            }
        })?,
        "tryEnv" => linker.func_wrap(M, name, |mut c: Host<'_>, name: i32| -> R<i32> {
            let name = text(&c, name)?;
            match lookup_env(&c, &name) {
                Some(value) => alloc(&mut c, Value::string(value)),
                None => Ok(0),
            }
        })?,
        "shell" => linker.func_wrap(M, name, shell)?,
        "sleep" => linker.func_wrap(M, name, |c: Host<'_>, seconds: f64| -> R<()> {
            let _waiting = Waiting::begin(&c.data().backend);
            let until = Instant::now() + Duration::from_secs_f64(seconds.max(0.0));
            while Instant::now() < until {
                check_deadline(&c)?;
                std::thread::sleep((until - Instant::now()).min(Duration::from_millis(50)));
            }
            Ok(())
        })?,
        _ => return Ok(false),
    };
    Ok(true)
}

/// `util.shell(command, opts?)`: `sh -c command`, its standard output.
fn shell(mut c: Host<'_>, command: i32, options: i32) -> R<i32> {
    let command = text(&c, command)?;
    let mut process = std::process::Command::new("sh");
    process.arg("-c").arg(&*command);
    let mut throws = true;
    if let Value::Map(options) = c.data().get(options)? {
        let options = options.borrow();
        if let Some(Value::Str(dir)) = options.get("cwd") {
            process.current_dir(&**dir);
        }
        if !matches!(options.get("inheritEnv"), Some(Value::Bool(true))) {
            process.env_clear();
        }
        if let Some(Value::Map(env)) = options.get("env") {
            for (key, value) in env.borrow().iter() {
                process.env(key, value.display());
            }
        }
        throws = !matches!(options.get("throw"), Some(Value::Bool(false)));
    }
    let _waiting = Waiting::begin(&c.data().backend);
    match process.output() {
        Ok(output) if output.status.success() || !throws => {
            alloc(&mut c, Value::string(String::from_utf8_lossy(&output.stdout).into_owned()))
        }
        Ok(output) => {
            let stderr = String::from_utf8_lossy(&output.stderr).trim_end().to_string();
            raise(&mut c, format!("`{command}` failed ({}): {stderr}", output.status))
        }
        Err(error) => raise(&mut c, format!("`{command}` could not run: {error}")),
    }
}

struct WaitOptions {
    timeout: Duration,
    interval: Duration,
    throws: bool,
}

fn options(c: &Host<'_>, handle: i32) -> R<WaitOptions> {
    let mut options = WaitOptions { timeout: Duration::from_secs(60), interval: Duration::from_millis(100), throws: true };
    if let Value::Map(props) = c.data().get(handle)? {
        let props = props.borrow();
        let seconds = |name: &str| match props.get(name) {
            Some(Value::Num(n) | Value::Duration(n)) if n.is_finite() && *n >= 0.0 => Some(Duration::from_secs_f64(*n)),
            _ => None,
        };
        options.timeout = seconds("timeout").unwrap_or(options.timeout);
        options.interval = seconds("interval").unwrap_or(options.interval);
        if let Some(Value::Bool(throws)) = props.get("throws") {
            options.throws = *throws;
        }
    }
    Ok(options)
}

fn wait_until(mut c: Host<'_>, predicate: i32, props: i32) -> R<i32> {
    let options = options(&c, props)?;
    let _waiting = Waiting::begin(&c.data().backend);
    let started = Instant::now();
    let give_up = started + options.timeout;
    loop {
        let seen = c.data().backend.activity();
        if call_predicate(&mut c, predicate)? {
            return Ok(1);
        }
        let now = Instant::now();
        if now >= give_up {
            if options.throws {
                return raise(
                    &mut c,
                    format!("util.waitUntil: the predicate was still false after {}", crate::describe_duration(options.timeout)),
                );
            }
            return Ok(0);
        }
        check_deadline(&c)?;
        let backend = c.data().backend.clone();
        let limit = c.data().deadline.unwrap_or(give_up);
        backend.wait_for_change(seen, (now + options.interval).min(give_up).min(limit));
    }
}

/// The running function's variable `name`. As in Wing (and a deployed
/// function), inflight code sees only its function's `env`, never the
/// variables of the process running the simulator.
fn lookup_env(c: &Host<'_>, name: &str) -> Option<String> {
    c.data().env.get(name).cloned()
}

/// Calls a guest closure `inflight (): bool`.
fn call_predicate(c: &mut Host<'_>, handle: i32) -> R<bool> {
    let table = match c.get_export("table") {
        Some(Extern::Table(table)) => Some(table),
        _ => None,
    };
    let mut result = [Val::I32(0)];
    call_guest(&mut *c, table, handle, &mut result)?;
    Ok(result[0].i32().is_some_and(|b| b != 0))
}

/// Fails the invocation once its deadline has passed (host waits are not
/// interrupted by the epoch clock) or the simulator is stopping.
fn check_deadline(c: &Host<'_>) -> R<()> {
    if c.data().backend.is_stopping() {
        return Err(crate::state::fatal(crate::invoke::STOPPED));
    }
    match c.data().deadline {
        Some(deadline) if Instant::now() >= deadline => Err(wasmtime::Trap::Interrupt.into()),
        _ => Ok(()),
    }
}
