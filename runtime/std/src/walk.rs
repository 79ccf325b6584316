//! Walks over nested values: takes a value to print, copy or convert,
//! gives the guard that stops the walk at a cycle (a `MutJson` that
//! contains itself: `j.set("self", j)`) or past [`MAX_DEPTH`] levels, with
//! an error that says where, instead of recursing until the stack ends.
//! Equality needs no guard: [`equals`] walks with a work list and treats a
//! pair of collections already being compared as equal (two cycles of the
//! same shape are equal, as in Wing).

use crate::ops::StdError;
use crate::value::{Ref, RefKind, Value};
use std::collections::HashSet;
use std::fmt;
use std::rc::Rc;

/// How deeply collections may nest in a value that is printed, copied or
/// converted (Json parsing stops at 128; JavaScript's stack, at a few
/// thousand).
pub const MAX_DEPTH: usize = 1_000;

/// Why a value could not be walked.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WalkError {
    /// A collection refers back to one that contains it; the steps from
    /// the value walked to that reference, innermost first.
    Circular(Vec<Step>),
    /// Collections nest more than [`MAX_DEPTH`] levels.
    TooDeep,
}

/// One step into a collection: a key of a map or object, or an index.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Step {
    Key(String),
    Index(usize),
}

impl WalkError {
    /// The same error, seen from the collection one level up, which
    /// reached the problem under `step`.
    pub fn under(self, step: Step) -> WalkError {
        match self {
            WalkError::Circular(mut steps) => {
                steps.push(step);
                WalkError::Circular(steps)
            }
            other => other,
        }
    }

    /// Where the cycle closes, as code would write it: `.d.c`, `[1]`.
    pub fn path(&self) -> String {
        match self {
            WalkError::Circular(steps) => steps
                .iter()
                .rev()
                .map(|step| match step {
                    Step::Key(key) => format!(".{key}"),
                    Step::Index(i) => format!("[{i}]"),
                })
                .collect(),
            WalkError::TooDeep => String::new(),
        }
    }
}

impl fmt::Display for WalkError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            WalkError::Circular(_) => write!(
                f,
                "Converting circular structure to JSON: the value at `{}` is one that contains it",
                self.path().trim_start_matches('.')
            ),
            WalkError::TooDeep => write!(f, "the value is nested more than {MAX_DEPTH} levels deep"),
        }
    }
}

impl From<WalkError> for StdError {
    fn from(error: WalkError) -> StdError {
        StdError(error.to_string())
    }
}

/// The collections (and objects) open on the path from the value being
/// walked.
#[derive(Debug, Default)]
pub struct Walk {
    open: HashSet<Identity>,
}

/// What makes a collection or an object itself.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Identity {
    /// A collection's shared storage.
    Storage(usize),
    /// A phase-owned object (a user class instance), whose fields a phase
    /// may walk.
    Object(u32),
}

impl Walk {
    /// Runs `inside` for the collection `value` (anything else: directly),
    /// failing when it is already open or the path is too deep.
    pub fn within<T, E: From<WalkError>>(
        &mut self,
        value: &Value,
        inside: impl FnOnce(&mut Walk) -> Result<T, E>,
    ) -> Result<T, E> {
        let entered = self.enter(value)?;
        let result = inside(self);
        self.leave(entered);
        result
    }

    /// Opens the collection or object `value` (nothing for other values);
    /// give what it returns to [`Walk::leave`] when done with its items.
    pub fn enter(&mut self, value: &Value) -> Result<Option<Identity>, WalkError> {
        let identity = match value {
            Value::Ref(Ref { kind: RefKind::Object, id }) => Identity::Object(*id),
            other => match storage(other) {
                Some(address) => Identity::Storage(address),
                None => return Ok(None),
            },
        };
        if self.open.len() >= MAX_DEPTH {
            return Err(WalkError::TooDeep);
        }
        if !self.open.insert(identity) {
            return Err(WalkError::Circular(Vec::new()));
        }
        Ok(Some(identity))
    }

    pub fn leave(&mut self, entered: Option<Identity>) {
        if let Some(identity) = entered {
            self.open.remove(&identity);
        }
    }
}

/// The address of a collection's shared storage.
fn storage(value: &Value) -> Option<usize> {
    match value {
        Value::Array(items) | Value::Set(items) => Some(Rc::as_ptr(items) as *const () as usize),
        Value::Map(entries) => Some(Rc::as_ptr(entries) as *const () as usize),
        _ => None,
    }
}

/// Deep equality, as `==` compares: collections by content, refs by
/// identity. Iterative, and a pair of collections met again while being
/// compared is taken as equal (the rest of the comparison decides).
pub fn equals(a: &Value, b: &Value) -> bool {
    let mut pending: Vec<(Value, Value)> = vec![(a.clone(), b.clone())];
    let mut assumed: HashSet<(usize, usize)> = HashSet::new();
    while let Some((a, b)) = pending.pop() {
        if let (Some(x), Some(y)) = (storage(&a), storage(&b))
            && (x == y || !assumed.insert((x, y)))
        {
            continue;
        }
        match (&a, &b) {
            (Value::Array(x), Value::Array(y)) => {
                let (x, y) = (x.borrow(), y.borrow());
                if x.len() != y.len() {
                    return false;
                }
                pending.extend(x.iter().cloned().zip(y.iter().cloned()));
            }
            (Value::Map(x), Value::Map(y)) => {
                let (x, y) = (x.borrow(), y.borrow());
                if x.len() != y.len() {
                    return false;
                }
                for (key, item) in x.iter() {
                    match y.get(key) {
                        Some(other) => pending.push((item.clone(), other.clone())),
                        None => return false,
                    }
                }
            }
            (Value::Set(x), Value::Set(y)) => {
                let (x, y) = (x.borrow(), y.borrow());
                if x.len() != y.len() || !x.iter().all(|item| y.iter().any(|other| equals(item, other))) {
                    return false;
                }
            }
            _ if !a.equals_shallow(&b) => return false,
            _ => {}
        }
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::value::Entries;

    fn object() -> Value {
        Value::map(Entries::from_iter([("a".to_string(), Value::Num(1.0))]))
    }

    fn set(map: &Value, key: &str, value: Value) {
        if let Value::Map(entries) = map {
            entries.borrow_mut().insert(key.to_string(), value);
        }
    }

    #[test]
    fn a_value_that_contains_itself_is_reported_with_the_path() {
        let c = object();
        let d = object();
        set(&c, "d", d.clone());
        set(&d, "c", c.clone());
        let error = c.to_json_text().unwrap_err();
        assert_eq!(error.path(), ".d.c");
        assert_eq!(error.to_string(), "Converting circular structure to JSON: the value at `d.c` is one that contains it");
        assert_eq!(c.deep_copy().unwrap_err(), error);
        assert_eq!(c.to_text().unwrap_err(), error);
        let list = Value::array(vec![Value::Num(1.0)]);
        if let Value::Array(items) = &list {
            items.borrow_mut().push(list.clone());
        }
        assert_eq!(list.to_json().unwrap_err().path(), "[1]");
    }

    #[test]
    fn shared_but_acyclic_values_are_fine() {
        let shared = object();
        let both = Value::array(vec![shared.clone(), shared]);
        assert_eq!(both.to_json_text().unwrap(), r#"[{"a":1},{"a":1}]"#);
    }

    #[test]
    fn deep_values_stop_at_the_limit() {
        let mut value = Value::Nil;
        for _ in 0..MAX_DEPTH + 1 {
            value = Value::array(vec![value]);
        }
        assert_eq!(value.to_json_text().unwrap_err(), WalkError::TooDeep);
        assert!(equals(&value, &value.clone()));
        let Value::Array(inner) = &value else { unreachable!() };
        let inner = inner.borrow()[0].clone();
        assert!(inner.to_json_text().is_ok());
    }

    #[test]
    fn cycles_of_the_same_shape_are_equal() {
        let (c, d, e) = (object(), object(), object());
        set(&c, "self", c.clone());
        set(&d, "self", d.clone());
        set(&e, "self", Value::Nil);
        assert!(equals(&c, &c));
        assert!(equals(&c, &d));
        assert!(!equals(&c, &e));
    }

    #[test]
    fn equality_of_very_deep_values_needs_no_stack() {
        let (mut a, mut b) = (Value::Nil, Value::Nil);
        for _ in 0..200_000 {
            a = Value::array(vec![a]);
            b = Value::array(vec![b]);
        }
        assert!(equals(&a, &b));
        let mut c = Value::Num(1.0);
        for _ in 0..200_000 {
            c = Value::array(vec![c]);
        }
        assert!(!equals(&a, &c));
        // Dropping them must not recurse either (see `Value`'s `Drop`).
    }
}
