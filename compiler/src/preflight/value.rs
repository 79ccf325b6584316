//! Preflight values: what the evaluator computes with. Takes nothing, gives
//! [`Value`] and conversions to the manifest's lifted values and Json props.
//!
//! Json, structs and maps share one representation (an ordered map), as in
//! the simulator, so converting between them costs nothing.

use super::env::Env;
use super::tree::ResourceId;
use crate::syntax::ast::{Block, Closure, NodeId, Phase};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::rc::Rc;
use wing_abi::LiftedValue;

#[derive(Debug, Clone)]
pub enum Value<'a> {
    Nil,
    Num(f64),
    Bool(bool),
    Str(Rc<str>),
    /// Seconds.
    Duration(f64),
    Array(Rc<RefCell<Vec<Value<'a>>>>),
    /// Maps, Json objects and struct values.
    Map(Rc<RefCell<IndexMap<String, Value<'a>>>>),
    Resource(ResourceId),
    Closure(Rc<ClosureValue<'a>>),
    /// A stdlib function or bound member, called through [`super::intrinsics`].
    Extern(Rc<ExternValue<'a>>),
}

/// A closure value: its code and the environment it was created in.
#[derive(Debug)]
pub struct ClosureValue<'a> {
    pub node: NodeId,
    pub body: FnBody<'a>,
    pub phase: Phase,
    pub env: Rc<Env<'a>>,
}

#[derive(Debug, Clone, Copy)]
pub enum FnBody<'a> {
    Closure(&'a Closure),
    Test(&'a Block),
}

/// A stdlib member bound to its receiver, as a callable value.
#[derive(Debug)]
pub struct ExternValue<'a> {
    pub name: String,
    pub receiver: Option<Value<'a>>,
}

impl<'a> Value<'a> {
    pub fn str(s: &str) -> Value<'a> {
        Value::Str(Rc::from(s))
    }

    pub fn map(entries: IndexMap<String, Value<'a>>) -> Value<'a> {
        Value::Map(Rc::new(RefCell::new(entries)))
    }

    pub fn array(items: Vec<Value<'a>>) -> Value<'a> {
        Value::Array(Rc::new(RefCell::new(items)))
    }

    /// The value as Json (for resource props); `None` for resources and
    /// functions.
    pub fn to_json(&self) -> Option<serde_json::Value> {
        Some(match self {
            Value::Nil => serde_json::Value::Null,
            Value::Num(n) | Value::Duration(n) => serde_json::json!(n),
            Value::Bool(b) => serde_json::Value::Bool(*b),
            Value::Str(s) => serde_json::Value::String(s.to_string()),
            Value::Array(items) => {
                serde_json::Value::Array(items.borrow().iter().map(Value::to_json).collect::<Option<_>>()?)
            }
            Value::Map(entries) => serde_json::Value::Object(
                entries
                    .borrow()
                    .iter()
                    .map(|(k, v)| Some((k.clone(), v.to_json()?)))
                    .collect::<Option<_>>()?,
            ),
            Value::Resource(_) | Value::Closure(_) | Value::Extern(_) => return None,
        })
    }

    /// The value copied into a bundle; `None` for what cannot be copied.
    pub fn to_lifted(&self) -> Option<LiftedValue> {
        Some(match self {
            Value::Nil => LiftedValue::Nil,
            Value::Num(n) => LiftedValue::Num(*n),
            Value::Bool(b) => LiftedValue::Bool(*b),
            Value::Str(s) => LiftedValue::Str(s.to_string()),
            Value::Duration(d) => LiftedValue::Duration(*d),
            Value::Array(items) => {
                LiftedValue::Array(items.borrow().iter().map(Value::to_lifted).collect::<Option<_>>()?)
            }
            Value::Map(entries) => LiftedValue::Map(
                entries
                    .borrow()
                    .iter()
                    .map(|(k, v)| Some((k.clone(), v.to_lifted()?)))
                    .collect::<Option<_>>()?,
            ),
            Value::Resource(_) | Value::Closure(_) | Value::Extern(_) => return None,
        })
    }

    /// How interpolation and `log` print the value.
    pub fn display(&self) -> String {
        match self {
            Value::Str(s) => s.to_string(),
            Value::Num(n) => wing_abi::text::format_num(*n),
            Value::Duration(d) => wing_abi::text::format_num(*d),
            Value::Bool(b) => b.to_string(),
            Value::Nil => "nil".to_string(),
            Value::Resource(_) => "<resource>".to_string(),
            Value::Closure(_) | Value::Extern(_) => "<function>".to_string(),
            Value::Array(_) | Value::Map(_) => {
                self.to_json().map(|j| wing_abi::text::stringify_json(&j)).unwrap_or_default()
            }
        }
    }

    /// Deep equality, as `==` compares.
    pub fn equals(&self, other: &Value<'a>) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            (Value::Num(a), Value::Num(b)) | (Value::Duration(a), Value::Duration(b)) => a == b,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Array(a), Value::Array(b)) => {
                let (a, b) = (a.borrow(), b.borrow());
                a.len() == b.len() && a.iter().zip(b.iter()).all(|(x, y)| x.equals(y))
            }
            (Value::Map(a), Value::Map(b)) => {
                let (a, b) = (a.borrow(), b.borrow());
                a.len() == b.len() && a.iter().all(|(k, v)| b.get(k).is_some_and(|w| v.equals(w)))
            }
            (Value::Resource(a), Value::Resource(b)) => a == b,
            (Value::Closure(a), Value::Closure(b)) => Rc::ptr_eq(a, b),
            _ => false,
        }
    }

    pub fn from_json(json: &serde_json::Value) -> Value<'a> {
        match json {
            serde_json::Value::Null => Value::Nil,
            serde_json::Value::Bool(b) => Value::Bool(*b),
            serde_json::Value::Number(n) => Value::Num(n.as_f64().unwrap_or(f64::NAN)),
            serde_json::Value::String(s) => Value::str(s),
            serde_json::Value::Array(items) => Value::array(items.iter().map(Value::from_json).collect()),
            serde_json::Value::Object(fields) => {
                Value::map(fields.iter().map(|(k, v)| (k.clone(), Value::from_json(v))).collect())
            }
        }
    }
}
