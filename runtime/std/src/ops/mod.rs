//! The standard library's operations: takes a stdlib module and member name
//! (`std` `str.split`, `expect` `equal`) and gives the function that runs
//! it on [`Value`]s. The receiver of an instance member comes first in the
//! arguments, then the parameters in declaration order; an omitted
//! optional argument is [`Value::Nil`].
//!
//! The preflight evaluator and the simulator both call these, so a std
//! method behaves the same in both phases.

pub mod collections;
pub mod datetime;
pub mod expect;
pub mod fs;
pub mod json;
pub mod number;
pub mod regexp;
pub mod schema;
pub mod string;
pub mod util;

use crate::text::Text;
use crate::value::Value;
use std::fmt;
use std::rc::Rc;

/// A failed operation: the message a Wing `catch` sees.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct StdError(pub String);

impl StdError {
    pub fn new(message: impl Into<String>) -> StdError {
        StdError(message.into())
    }
}

impl fmt::Display for StdError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub type StdResult = Result<Value, StdError>;

/// A std operation.
pub type StdFn = fn(&[Value]) -> StdResult;

/// What a `void` member that changes a collection in place (`set`,
/// `setAt`, `clear`) gives back: the values it replaced or removed, as an
/// array, for the host to take off the invocation's memory account. Code
/// never sees it: the member's type is `void`.
pub fn displaced(values: Vec<Value>) -> StdResult {
    Ok(Value::array(values))
}

/// The operation bound to `module`'s member `name`, if the std library
/// has one.
pub fn lookup(module: &str, name: &str) -> Option<StdFn> {
    match module {
        "std" => {
            let (class, member) = name.split_once('.').unwrap_or(("", name));
            match class {
                "str" => string::lookup(member),
                "num" | "bool" | "duration" => number::lookup(class, member),
                "datetime" => datetime::lookup(member),
                "regex" => regexp::lookup(member),
                "struct" => schema::lookup(member),
                "Json" | "MutJson" => json::lookup(class, member),
                "Array" | "MutArray" | "Map" | "MutMap" | "Set" | "MutSet" => collections::lookup(class, member),
                _ => None,
            }
        }
        "math" => number::math(name),
        "expect" => expect::lookup(name),
        "util" => util::lookup(name),
        "fs" => fs::lookup(name),
        _ => None,
    }
}

/// The operation bound to `module`'s member `name` for the compiler's
/// preflight evaluation: those of [`lookup`] and those only preflight code
/// may run (reading and writing files).
pub fn lookup_preflight(module: &str, name: &str) -> Option<StdFn> {
    lookup(module, name).or_else(|| if module == "fs" { fs::lookup_files(name) } else { None })
}

/// Nil, to lend where an argument is omitted.
const NIL: &Value = &Value::Nil;

/// The argument at `index` (nil when omitted).
pub fn arg(args: &[Value], index: usize) -> &Value {
    args.get(index).unwrap_or(NIL)
}

pub fn num_arg(args: &[Value], index: usize) -> Result<f64, StdError> {
    match arg(args, index) {
        Value::Num(n) | Value::Duration(n) => Ok(*n),
        other => Err(mismatch("a number", other)),
    }
}

pub fn opt_num_arg(args: &[Value], index: usize) -> Result<Option<f64>, StdError> {
    match arg(args, index) {
        Value::Nil => Ok(None),
        _ => num_arg(args, index).map(Some),
    }
}

pub fn str_arg(args: &[Value], index: usize) -> Result<Rc<Text>, StdError> {
    match arg(args, index) {
        Value::Str(s) => Ok(s.clone()),
        other => Err(mismatch("a string", other)),
    }
}

pub fn opt_str_arg(args: &[Value], index: usize) -> Result<Option<Rc<Text>>, StdError> {
    match arg(args, index) {
        Value::Nil => Ok(None),
        _ => str_arg(args, index).map(Some),
    }
}

pub fn bool_arg(args: &[Value], index: usize) -> Result<bool, StdError> {
    match arg(args, index) {
        Value::Bool(b) => Ok(*b),
        other => Err(mismatch("a boolean", other)),
    }
}

/// The error for a value of the wrong kind reaching an operation (the
/// checker rules this out for well-typed code, but Json can hold anything).
pub fn mismatch(expected: &str, found: &Value) -> StdError {
    StdError(format!("expected {expected}, found {}", found.kind_name()))
}

/// A position that may count from the end (`-1` is the last of `len`
/// items), as a position from the start.
#[inline]
pub fn from_end(index: f64, len: usize) -> f64 {
    if index < 0.0 { index + len as f64 } else { index }
}

/// An index into a sequence of `len` items: must be a whole number in
/// `0..len`.
#[inline]
pub fn index_in(index: f64, len: usize) -> Result<usize, StdError> {
    if index >= 0.0 && index.fract() == 0.0 && index < len as f64 {
        Ok(index as usize)
    } else {
        Err(StdError::new("Index out of bounds"))
    }
}
