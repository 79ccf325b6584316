//! `wing:cloud`: the inflight operations of resources. Each one first
//! resolves its handle through the invocation's capabilities (type and
//! granted operation), then acts on the simulator's state.

use super::{alloc, optional_text, raise, raise_from, text};
use crate::state::{HostState, fatal};
use wasmtime::{Caller, Linker};
use wing_std::Value;

type Host<'a> = Caller<'a, HostState>;
type R<T> = wasmtime::Result<T>;

const BUCKET: &str = "cloud.Bucket";
const QUEUE: &str = "cloud.Queue";
const COUNTER: &str = "cloud.Counter";
const FUNCTION: &str = "cloud.Function";

/// Defines the operation `name`; `false` when it is not one.
pub fn define(linker: &mut Linker<HostState>, name: &str) -> R<bool> {
    const M: &str = "wing:cloud";
    match name {
        "Bucket.put" => linker.func_wrap(M, name, |c: Host<'_>, b: i32, key: i32, body: i32| -> R<()> {
            let bucket = c.data().resource(b, BUCKET, "put")?;
            c.data().sim.bucket(bucket).put(&text(&c, key)?, &text(&c, body)?);
            c.data().sim.notify();
            Ok(())
        })?,
        "Bucket.get" => linker.func_wrap(M, name, |mut c: Host<'_>, b: i32, key: i32| -> R<i32> {
            let bucket = c.data().resource(b, BUCKET, "get")?;
            match c.data().sim.bucket(bucket).get(&text(&c, key)?) {
                Ok(body) => alloc(&mut c, Value::string(body)),
                Err(message) => raise(&mut c, message),
            }
        })?,
        "Bucket.tryGet" => linker.func_wrap(M, name, |mut c: Host<'_>, b: i32, key: i32| -> R<i32> {
            let bucket = c.data().resource(b, BUCKET, "tryGet")?;
            match c.data().sim.bucket(bucket).try_get(&text(&c, key)?) {
                Some(body) => alloc(&mut c, Value::string(body)),
                None => Ok(0),
            }
        })?,
        "Bucket.exists" => linker.func_wrap(M, name, |c: Host<'_>, b: i32, key: i32| -> R<i32> {
            let bucket = c.data().resource(b, BUCKET, "exists")?;
            Ok(i32::from(c.data().sim.bucket(bucket).exists(&text(&c, key)?)))
        })?,
        "Bucket.delete" => linker.func_wrap(M, name, |c: Host<'_>, b: i32, key: i32| -> R<()> {
            let bucket = c.data().resource(b, BUCKET, "delete")?;
            c.data().sim.bucket(bucket).delete(&text(&c, key)?);
            c.data().sim.notify();
            Ok(())
        })?,
        "Bucket.list" => linker.func_wrap(M, name, |mut c: Host<'_>, b: i32, prefix: i32| -> R<i32> {
            let bucket = c.data().resource(b, BUCKET, "list")?;
            let prefix = optional_text(&c, prefix)?;
            let keys = c.data().sim.bucket(bucket).list(prefix.as_deref().unwrap_or(""));
            alloc(&mut c, Value::array(keys.into_iter().map(Value::string).collect()))
        })?,
        "Queue.push" => linker.func_wrap(M, name, |c: Host<'_>, q: i32, message: i32| -> R<()> {
            let queue = c.data().resource(q, QUEUE, "push")?;
            c.data().sim.queue(queue).push(&text(&c, message)?);
            c.data().sim.notify();
            Ok(())
        })?,
        "Counter.inc" => linker.func_wrap(M, name, |c: Host<'_>, h: i32, amount: i32, key: i32| -> R<f64> {
            counter_add(&c, h, "inc", amount, key, 1.0)
        })?,
        "Counter.dec" => linker.func_wrap(M, name, |c: Host<'_>, h: i32, amount: i32, key: i32| -> R<f64> {
            counter_add(&c, h, "dec", amount, key, -1.0)
        })?,
        "Counter.peek" => linker.func_wrap(M, name, |c: Host<'_>, h: i32, key: i32| -> R<f64> {
            let counter = c.data().resource(h, COUNTER, "peek")?;
            Ok(c.data().sim.counter(counter).peek(optional_text(&c, key)?.as_deref()))
        })?,
        "Counter.set" => linker.func_wrap(M, name, |c: Host<'_>, h: i32, value: f64, key: i32| -> R<()> {
            let counter = c.data().resource(h, COUNTER, "set")?;
            c.data().sim.counter(counter).set(value, optional_text(&c, key)?.as_deref());
            c.data().sim.notify();
            Ok(())
        })?,
        "Function.invoke" => linker.func_wrap(M, name, |mut c: Host<'_>, h: i32, payload: i32| -> R<i32> {
            let function = c.data().resource(h, FUNCTION, "invoke")?;
            let payload = c.data().value(payload)?;
            let sim = c.data().sim.clone();
            match sim.invoke_function(function, payload) {
                Ok(result) => alloc(&mut c, result),
                Err(failure) => raise_from(&mut c, failure.message, failure.trace),
            }
        })?,
        _ => return Ok(false),
    };
    Ok(true)
}

/// `inc`/`dec`: adds `amount` (default 1) times `sign`; gives the value
/// before.
fn counter_add(c: &Host<'_>, handle: i32, op: &str, amount: i32, key: i32, sign: f64) -> R<f64> {
    let counter = c.data().resource(handle, COUNTER, op)?;
    let amount = match c.data().get(amount)? {
        Value::Nil => 1.0,
        Value::Num(n) => *n,
        other => return Err(fatal(format!("expected a number, found {}", other.kind_name()))),
    };
    let before = c.data().sim.counter(counter).add(sign * amount, optional_text(c, key)?.as_deref());
    c.data().sim.notify();
    Ok(before)
}
