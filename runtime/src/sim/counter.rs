//! `cloud.Counter`: numbers by key, each starting at the `initial` prop.
//! With a state directory, every change rewrites the counter's file
//! atomically before the call returns.

use super::ops::{Op, OpContext, OpError, arg, optional_text};
use super::props::{Props, num_prop};
use super::store::write_atomic;
use super::{ResourceState, lock};
use std::collections::BTreeMap;
use std::path::PathBuf;
use std::sync::Mutex;
use wing_std::Value;

/// The key used when none is given.
const DEFAULT_KEY: &str = "default";

#[derive(Debug)]
pub struct Counter {
    initial: f64,
    values: Mutex<BTreeMap<String, f64>>,
    file: Option<PathBuf>,
}

impl Counter {
    /// A counter with its saved values (from `file`).
    pub fn new(props: &Props, file: Option<PathBuf>) -> Result<Counter, String> {
        let values = match &file {
            Some(file) if file.exists() => {
                let text = std::fs::read_to_string(file).map_err(|e| format!("cannot read the saved values: {e}"))?;
                serde_json::from_str(&text).map_err(|_| "the saved values are damaged".to_string())?
            }
            _ => BTreeMap::new(),
        };
        Ok(Counter { initial: num_prop(props, "initial").unwrap_or(0.0), values: Mutex::new(values), file })
    }

    /// Adds `amount` to the key's value; gives the value before.
    pub fn add(&self, amount: f64, key: Option<&str>) -> Result<f64, OpError> {
        let mut values = lock(&self.values);
        let before = values.get(key.unwrap_or(DEFAULT_KEY)).copied().unwrap_or(self.initial);
        self.save(&mut values, key, before + amount)?;
        Ok(before)
    }

    pub fn peek(&self, key: Option<&str>) -> f64 {
        lock(&self.values).get(key.unwrap_or(DEFAULT_KEY)).copied().unwrap_or(self.initial)
    }

    pub fn set(&self, value: f64, key: Option<&str>) -> Result<(), OpError> {
        self.save(&mut lock(&self.values), key, value)
    }

    fn save(&self, values: &mut BTreeMap<String, f64>, key: Option<&str>, value: f64) -> Result<(), OpError> {
        let key = key.unwrap_or(DEFAULT_KEY).to_string();
        let previous = values.insert(key.clone(), value);
        let Some(file) = &self.file else { return Ok(()) };
        let text = serde_json::to_string(&*values).unwrap_or_default();
        write_atomic(file, text.as_bytes()).map_err(|e| {
            match previous {
                Some(old) => values.insert(key, old),
                None => values.remove(&key),
            };
            OpError::Wing(format!("cannot save the counter: {e}"), vec![])
        })
    }
}

/// The counter operation `method`.
pub fn op(method: &str) -> Option<Op> {
    Some(match method {
        "inc" => |ctx, args| add(ctx, args, 1.0),
        "dec" => |ctx, args| add(ctx, args, -1.0),
        "peek" => |ctx, args| Ok(Value::Num(counter(ctx)?.peek(optional_text(args, 0)?.as_deref()))),
        "set" => |ctx, args| {
            let value = match arg(args, 0) {
                Value::Num(n) => *n,
                other => return Err(OpError::Fatal(format!("expected a number, found {}", other.kind_name()))),
            };
            counter(ctx)?.set(value, optional_text(args, 1)?.as_deref())?;
            ctx.sim.notify();
            Ok(Value::Nil)
        },
        _ => return None,
    })
}

/// `inc`/`dec`: adds `amount` (default 1) times `sign`; gives the value
/// before.
fn add(ctx: &OpContext<'_>, args: &[Value], sign: f64) -> Result<Value, OpError> {
    let amount = match arg(args, 0) {
        Value::Nil => 1.0,
        Value::Num(n) => *n,
        other => return Err(OpError::Fatal(format!("expected a number, found {}", other.kind_name()))),
    };
    let before = counter(ctx)?.add(sign * amount, optional_text(args, 1)?.as_deref())?;
    ctx.sim.notify();
    Ok(Value::Num(before))
}

fn counter<'a>(ctx: &'a OpContext<'_>) -> Result<&'a Counter, OpError> {
    match ctx.state() {
        ResourceState::Counter(counter) => Ok(counter),
        _ => Err(OpError::Fatal(format!("{} is not a counter", ctx.node().path))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_count_independently_from_the_initial_value() {
        let counter = Counter::new(&[("initial".to_string(), serde_json::json!(10))].into_iter().collect(), None).unwrap();
        assert_eq!(counter.add(1.0, None).unwrap(), 10.0);
        assert_eq!(counter.add(-3.0, None).unwrap(), 11.0);
        assert_eq!(counter.peek(None), 8.0);
        assert_eq!(counter.peek(Some("other")), 10.0);
        counter.set(0.0, Some("other")).unwrap();
        assert_eq!(counter.add(1.0, Some("other")).unwrap(), 0.0);
    }
}
