//! Values: takes nothing, gives [`Value`], the one representation of Wing
//! data that both phases compute with, plus equality, printing and the
//! conversions to and from Json text and lifted manifest values.
//!
//! The static type decides what a value means: Json objects, maps and
//! struct values are all a [`Value::Map`]; a `num` and a Json number are
//! both a [`Value::Num`]. Mutable and immutable collections share one
//! representation; the checker keeps immutable ones from changing.
//! What only one phase has (closures, resources, class instances) is a
//! [`Ref`] into that phase's own tables.

pub use crate::text::Text;
use crate::walk::{Step, Walk, WalkError};
use indexmap::IndexMap;
use std::cell::RefCell;
use std::fmt::Write;
use std::rc::Rc;
use wing_abi::LiftedValue;
use wing_abi::text::format_num;

/// A Wing value.
///
/// Laid out as a 4-byte tag and then the payload, every field at its own
/// alignment (`repr(u32)`, the datetime's offset before its time): with
/// the default layout the tag took one byte and a `bool` or an `i32` sat
/// at an odd offset, so moving a value was done in overlapping pieces
/// that the next whole read of it waited on (a store-forwarding stall).
/// That made moving a `Value` through an `Option` cost more than the
/// host call it was part of (`MutArray.set` from 31 to 23 ns).
#[derive(Debug, Clone, Default)]
#[repr(u32)]
pub enum Value {
    #[default]
    Nil,
    Num(f64),
    Bool(bool),
    Str(Rc<Text>),
    /// Seconds.
    Duration(f64),
    /// A point in time: milliseconds since the Unix epoch and the offset
    /// from UTC it was read in, in minutes.
    Datetime {
        offset_minutes: i32,
        ms: f64,
    },
    /// `Array`, `MutArray` and Json arrays.
    Array(Rc<RefCell<Vec<Value>>>),
    /// `Map`, `MutMap`, Json objects and struct values.
    Map(Rc<RefCell<Entries>>),
    /// `Set` and `MutSet`: distinct items in insertion order.
    Set(Rc<RefCell<Vec<Value>>>),
    /// Something only the running phase knows about.
    Ref(Ref),
}

const _: () = assert!(std::mem::size_of::<Value>() == 16 && std::mem::size_of::<Option<Value>>() == 16);

/// The entries of a map, Json object or struct value, in insertion order.
/// Hashed with foldhash: a fraction of SipHash's cost on the short keys
/// inflight code uses, and seeded per process, so keys chosen by a client
/// still cannot be made to collide.
pub type Entries = IndexMap<String, Value, foldhash::fast::RandomState>;

/// Dropping a value frees nested collections with a work list, not by
/// recursion: a `MutJson` nested a million levels deep (a loop can build
/// one) must not overflow the stack when it goes away.
impl Drop for Value {
    #[inline]
    fn drop(&mut self) {
        if !matches!(self, Value::Array(_) | Value::Set(_) | Value::Map(_)) {
            return;
        }
        let mut pending = Vec::new();
        take_last_children(self, &mut pending);
        while let Some(mut value) = pending.pop() {
            take_last_children(&mut value, &mut pending);
        }
    }
}

/// Moves the items of a collection this value is the last owner of into
/// `pending` (so that dropping it does not recurse).
fn take_last_children(value: &mut Value, pending: &mut Vec<Value>) {
    match value {
        Value::Array(items) | Value::Set(items) => {
            if let Some(items) = Rc::get_mut(items) {
                pending.append(items.get_mut());
            }
        }
        Value::Map(entries) => {
            if let Some(entries) = Rc::get_mut(entries) {
                pending.extend(entries.get_mut().drain(..).map(|(_, v)| v));
            }
        }
        _ => {}
    }
}

/// A phase-owned value: an index into the evaluator's or the simulator's
/// tables. Two refs are equal when they are the same object.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Ref {
    pub kind: RefKind,
    pub id: u32,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RefKind {
    /// A function value (closure, or a stdlib member bound to its receiver).
    Function,
    /// A resource (a capability handle inflight).
    Resource,
    /// An instance of a user class.
    Object,
}

impl Value {
    pub fn str(text: &str) -> Value {
        Value::Str(Rc::new(Text::from(text)))
    }

    pub fn string(text: String) -> Value {
        Value::Str(Rc::new(Text::new(text)))
    }

    pub fn array(items: Vec<Value>) -> Value {
        Value::Array(Rc::new(RefCell::new(items)))
    }

    /// A map or Json object, its keys in JavaScript's property order (see
    /// [`insert_property`]).
    pub fn map(mut entries: Entries) -> Value {
        // Already in order (the usual case: no index keys) costs one pass.
        let indices = entries.keys().map(|k| array_index(k));
        let ordered = indices.map(|i| i.map_or(u64::MAX, u64::from)).is_sorted();
        if !ordered {
            entries.sort_by(|a, _, b, _| match (array_index(a), array_index(b)) {
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => std::cmp::Ordering::Less,
                (None, Some(_)) => std::cmp::Ordering::Greater,
                (None, None) => std::cmp::Ordering::Equal,
            });
        }
        Value::Map(Rc::new(RefCell::new(entries)))
    }

    pub fn set(items: Vec<Value>) -> Value {
        let mut distinct: Vec<Value> = Vec::with_capacity(items.len());
        for item in items {
            if !distinct.iter().any(|d| d.equals(&item)) {
                distinct.push(item);
            }
        }
        Value::Set(Rc::new(RefCell::new(distinct)))
    }

    pub fn is_nil(&self) -> bool {
        matches!(self, Value::Nil)
    }

    /// What kind of value this is, in the user's words (for messages).
    pub fn kind_name(&self) -> &'static str {
        match self {
            Value::Nil => "nil",
            Value::Num(_) => "a number",
            Value::Bool(_) => "a boolean",
            Value::Str(_) => "a string",
            Value::Duration(_) => "a duration",
            Value::Datetime { .. } => "a datetime",
            Value::Array(_) => "an array",
            Value::Map(_) => "an object",
            Value::Set(_) => "a set",
            Value::Ref(r) => match r.kind {
                RefKind::Function => "a function",
                RefKind::Resource => "a resource",
                RefKind::Object => "an object",
            },
        }
    }

    /// Deep equality, as `==` compares: collections by content (cycles
    /// included, see [`walk::equals`]), refs by identity.
    pub fn equals(&self, other: &Value) -> bool {
        crate::walk::equals(self, other)
    }

    /// Equality of everything but the content of collections: scalars by
    /// value, refs by identity, collections only of the same kind.
    pub(crate) fn equals_shallow(&self, other: &Value) -> bool {
        match (self, other) {
            (Value::Nil, Value::Nil) => true,
            // A duration is boxed as a plain number at the Wasm boundary; the
            // checker never lets a `num` meet a `duration`.
            (Value::Num(a) | Value::Duration(a), Value::Num(b) | Value::Duration(b)) => a == b,
            (Value::Bool(a), Value::Bool(b)) => a == b,
            (Value::Str(a), Value::Str(b)) => a == b,
            (Value::Datetime { ms: a, .. }, Value::Datetime { ms: b, .. }) => a == b,
            (Value::Array(_), Value::Array(_)) | (Value::Map(_), Value::Map(_)) | (Value::Set(_), Value::Set(_)) => true,
            (Value::Ref(a), Value::Ref(b)) => a == b,
            _ => false,
        }
    }

    /// How string interpolation and `log` print the value: strings as they
    /// are, numbers as Wing writes them, collections as Json text (a value
    /// that contains itself cannot be printed, as in Wing).
    pub fn to_text(&self) -> Result<String, WalkError> {
        match self {
            Value::Str(s) => Ok(s.to_string()),
            // Not Json: `NaN` and `Infinity` print as JavaScript prints them.
            Value::Num(n) => Ok(format_num(*n)),
            _ => self.to_json_text(),
        }
    }

    /// The value as text for messages and logs that must not fail: as
    /// [`Value::to_text`], or what keeps it from being printed.
    pub fn display(&self) -> String {
        self.to_text().unwrap_or_else(|e| match e {
            WalkError::Circular(_) => format!("<a value that contains itself at `{}`>", e.path().trim_start_matches('.')),
            WalkError::TooDeep => "<a value nested too deeply to print>".to_string(),
        })
    }

    /// The value as Json text for messages: as [`Value::to_json_text`], or
    /// what keeps it from being printed.
    pub fn display_json(&self) -> String {
        match self {
            Value::Str(s) => {
                let mut out = String::new();
                write_json_string(s, &mut out);
                out
            }
            other => other.display(),
        }
    }

    /// The value as Json text without spaces (`Json.stringify`).
    pub fn to_json_text(&self) -> Result<String, WalkError> {
        let mut out = String::new();
        self.write_json(&mut out, &mut Walk::default())?;
        Ok(out)
    }

    /// The value as Json text with two-space indentation.
    pub fn to_json_text_pretty(&self) -> Result<String, WalkError> {
        self.to_json_text_indented(2)
    }

    /// The value as Json text indented by `width` spaces per level, as
    /// `JSON.stringify(v, null, width)` writes it.
    pub fn to_json_text_indented(&self, width: usize) -> Result<String, WalkError> {
        Ok(indented(&self.to_json()?, &" ".repeat(width), 0))
    }

    fn write_json(&self, out: &mut String, walk: &mut Walk) -> Result<(), WalkError> {
        match self {
            Value::Nil => out.push_str("null"),
            Value::Num(n) | Value::Duration(n) => {
                if n.is_finite() {
                    wing_abi::text::write_num(out, *n);
                } else {
                    out.push_str("null");
                }
            }
            Value::Bool(b) => out.push_str(if *b { "true" } else { "false" }),
            Value::Str(s) => write_json_string(s, out),
            Value::Datetime { .. } => write_json_string(&crate::ops::datetime::to_iso(self), out),
            Value::Array(items) | Value::Set(items) => walk.within(self, |walk| {
                out.push('[');
                for (i, item) in items.borrow().iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    item.write_json(out, walk).map_err(|e| e.under(Step::Index(i)))?;
                }
                out.push(']');
                Ok(())
            })?,
            Value::Map(entries) => walk.within(self, |walk| {
                out.push('{');
                for (i, (key, item)) in entries.borrow().iter().enumerate() {
                    if i > 0 {
                        out.push(',');
                    }
                    write_json_string(key, out);
                    out.push(':');
                    item.write_json(out, walk).map_err(|e| e.under(Step::Key(key.clone())))?;
                }
                out.push('}');
                Ok(())
            })?,
            Value::Ref(r) => {
                let _ = write!(out, "\"<{}>\"", r.kind_word());
            }
        }
        Ok(())
    }

    /// The value as a `serde_json` tree (refs become their description).
    pub fn to_json(&self) -> Result<serde_json::Value, WalkError> {
        self.to_json_within(&mut Walk::default())
    }

    fn to_json_within(&self, walk: &mut Walk) -> Result<serde_json::Value, WalkError> {
        use serde_json::Value as J;
        Ok(match self {
            Value::Nil => J::Null,
            Value::Num(n) | Value::Duration(n) => json_number(*n),
            Value::Bool(b) => J::Bool(*b),
            Value::Str(s) => J::String(s.to_string()),
            Value::Datetime { .. } => J::String(crate::ops::datetime::to_iso(self)),
            Value::Array(items) | Value::Set(items) => walk.within(self, |walk| {
                let items = items.borrow();
                let each = items.iter().enumerate().map(|(i, v)| v.to_json_within(walk).map_err(|e| e.under(Step::Index(i))));
                each.collect::<Result<_, _>>().map(J::Array)
            })?,
            Value::Map(entries) => walk.within(self, |walk| {
                let entries = entries.borrow();
                let each = entries
                    .iter()
                    .map(|(k, v)| Ok((k.clone(), v.to_json_within(walk).map_err(|e| e.under(Step::Key(k.clone())))?)));
                each.collect::<Result<_, _>>().map(J::Object)
            })?,
            Value::Ref(r) => J::String(format!("<{}>", r.kind_word())),
        })
    }

    /// A value built from a `serde_json` tree.
    pub fn from_json(json: &serde_json::Value) -> Value {
        use serde_json::Value as J;
        match json {
            J::Null => Value::Nil,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => Value::Num(n.as_f64().unwrap_or(f64::NAN)),
            J::String(s) => Value::str(s),
            J::Array(items) => Value::array(items.iter().map(Value::from_json).collect()),
            J::Object(fields) => Value::map(fields.iter().map(|(k, v)| (k.clone(), Value::from_json(v))).collect()),
        }
    }

    /// A deep copy of the data (refs stay shared): what `copy()`,
    /// `Json.deepCopy` and lifting give. A value that contains itself
    /// cannot be copied (as in Wing, where copies go through Json).
    pub fn deep_copy(&self) -> Result<Value, WalkError> {
        self.copy_within(&mut Walk::default())
    }

    fn copy_within(&self, walk: &mut Walk) -> Result<Value, WalkError> {
        let copy_all = |items: &[Value], walk: &mut Walk| {
            let each = items.iter().enumerate().map(|(i, v)| v.copy_within(walk).map_err(|e| e.under(Step::Index(i))));
            each.collect::<Result<Vec<_>, _>>()
        };
        Ok(match self {
            Value::Array(items) => Value::array(walk.within(self, |walk| copy_all(&items.borrow(), walk))?),
            Value::Set(items) => Value::Set(Rc::new(RefCell::new(walk.within(self, |walk| copy_all(&items.borrow(), walk))?))),
            Value::Map(entries) => walk.within(self, |walk| {
                let entries = entries.borrow();
                let each =
                    entries.iter().map(|(k, v)| Ok((k.clone(), v.copy_within(walk).map_err(|e| e.under(Step::Key(k.clone())))?)));
                each.collect::<Result<Entries, _>>().map(Value::map)
            })?,
            other => other.clone(),
        })
    }

    /// A value without collections as copied into a bundle (collections
    /// and refs are lifted by the compiler, which knows their usage).
    pub fn to_lifted_scalar(&self) -> Option<LiftedValue> {
        Some(match self {
            Value::Nil => LiftedValue::Nil,
            Value::Num(n) => LiftedValue::Num(*n),
            Value::Bool(b) => LiftedValue::Bool(*b),
            Value::Str(s) => LiftedValue::Str(s.to_string()),
            Value::Duration(d) => LiftedValue::Duration(*d),
            Value::Datetime { ms, offset_minutes } => LiftedValue::Datetime { ms: *ms, offset_minutes: *offset_minutes },
            Value::Array(_) | Value::Set(_) | Value::Map(_) | Value::Ref(_) => return None,
        })
    }

    /// The value a lifted manifest value stands for, with `reference`
    /// rebuilding the phase-owned parts.
    pub fn from_lifted(lifted: &LiftedValue, reference: &mut dyn FnMut(&LiftedValue) -> Value) -> Value {
        match lifted {
            LiftedValue::Nil => Value::Nil,
            LiftedValue::Num(n) => Value::Num(*n),
            LiftedValue::Bool(b) => Value::Bool(*b),
            LiftedValue::Str(s) => Value::str(s),
            LiftedValue::Duration(d) => Value::Duration(*d),
            LiftedValue::Datetime { ms, offset_minutes } => Value::Datetime { ms: *ms, offset_minutes: *offset_minutes },
            LiftedValue::Json(json) => Value::from_json(json),
            LiftedValue::Array(items) => Value::array(items.iter().map(|i| Value::from_lifted(i, reference)).collect()),
            LiftedValue::Set(items) => {
                Value::Set(Rc::new(RefCell::new(items.iter().map(|i| Value::from_lifted(i, reference)).collect())))
            }
            LiftedValue::Map(entries) => {
                Value::map(entries.iter().map(|(k, v)| (k.clone(), Value::from_lifted(v, reference))).collect())
            }
            other => reference(other),
        }
    }
}

impl Ref {
    fn kind_word(self) -> &'static str {
        match self.kind {
            RefKind::Function => "function",
            RefKind::Resource => "resource",
            RefKind::Object => "object",
        }
    }
}

fn json_number(n: f64) -> serde_json::Value {
    if n.is_finite() && n == n.trunc() && n.abs() < 9.0e15 {
        serde_json::Value::from(n as i64)
    } else {
        serde_json::Number::from_f64(n).map_or(serde_json::Value::Null, serde_json::Value::Number)
    }
}

/// Indented Json text, numbers in Wing's format.
fn indented(json: &serde_json::Value, unit: &str, depth: usize) -> String {
    use serde_json::Value as J;
    let pad = |n: usize| unit.repeat(n);
    match json {
        J::Number(n) => format_num(n.as_f64().unwrap_or(f64::NAN)),
        J::Array(items) if !items.is_empty() => {
            let inner: Vec<String> =
                items.iter().map(|i| format!("{}{}", pad(depth + 1), indented(i, unit, depth + 1))).collect();
            format!("[\n{}\n{}]", inner.join(",\n"), pad(depth))
        }
        J::Object(fields) if !fields.is_empty() => {
            let inner: Vec<String> = fields
                .iter()
                .map(|(k, v)| format!("{}{}: {}", pad(depth + 1), J::String(k.clone()), indented(v, unit, depth + 1)))
                .collect();
            format!("{{\n{}\n{}}}", inner.join(",\n"), pad(depth))
        }
        other => other.to_string(),
    }
}

fn write_json_string(text: &str, out: &mut String) {
    out.push('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            '\u{8}' => out.push_str("\\b"),
            '\u{c}' => out.push_str("\\f"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
}

/// Sets `key` in a map or Json object keeping JavaScript's property order,
/// which Wing's maps and Json objects have: keys that are array indices
/// (`"0"`, `"7"`, `"2024"`) come first, ascending; the other keys follow in
/// the order they were first set. Gives back the value `key` had; the key's
/// text is copied only when it is new.
pub fn insert_property(entries: &mut Entries, key: &str, value: Value) -> Option<Value> {
    if let Some(slot) = entries.get_mut(key) {
        return Some(std::mem::replace(slot, value));
    }
    match array_index(key) {
        None => {
            entries.insert(key.to_string(), value);
        }
        Some(n) => {
            let at = entries.keys().position(|k| array_index(k).is_none_or(|m| m > n)).unwrap_or(entries.len());
            entries.shift_insert(at, key.to_string(), value);
        }
    }
    None
}

/// The array index a property key spells (`"12"`; not `"012"`, `"-1"` or
/// `"1.5"`), as JavaScript defines one: below 2^32 - 1.
pub fn array_index(key: &str) -> Option<u32> {
    let canonical =
        !key.is_empty() && key.len() <= 10 && (key == "0" || !key.starts_with('0')) && key.bytes().all(|b| b.is_ascii_digit());
    canonical.then(|| key.parse::<u64>().ok()).flatten().filter(|n| *n < u64::from(u32::MAX)).map(|n| n as u32)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_text_matches_javascript() {
        let v = Value::map(Entries::from_iter([
            ("a".to_string(), Value::Num(1.0)),
            ("b".to_string(), Value::array(vec![Value::Bool(true), Value::str("x\"y"), Value::Nil])),
            ("c".to_string(), Value::Num(2.5)),
        ]));
        assert_eq!(v.to_json_text().unwrap(), r#"{"a":1,"b":[true,"x\"y",null],"c":2.5}"#);
        assert_eq!(
            v.to_json_text_pretty().unwrap(),
            "{\n  \"a\": 1,\n  \"b\": [\n    true,\n    \"x\\\"y\",\n    null\n  ],\n  \"c\": 2.5\n}"
        );
    }

    #[test]
    fn equality_is_deep_for_data_and_by_identity_for_refs() {
        let a = Value::array(vec![Value::Num(1.0), Value::str("x")]);
        let b = Value::array(vec![Value::Num(1.0), Value::str("x")]);
        assert!(a.equals(&b));
        let r1 = Value::Ref(Ref { kind: RefKind::Resource, id: 1 });
        let r2 = Value::Ref(Ref { kind: RefKind::Resource, id: 2 });
        assert!(r1.equals(&r1.clone()));
        assert!(!r1.equals(&r2));
        assert!(Value::set(vec![Value::Num(1.0), Value::Num(2.0)]).equals(&Value::set(vec![Value::Num(2.0), Value::Num(1.0)])));
    }

    #[test]
    fn display_prints_strings_bare_and_the_rest_as_json() {
        assert_eq!(Value::str("hi").display(), "hi");
        assert_eq!(Value::Num(3.0).display(), "3");
        assert_eq!(Value::Nil.display(), "null");
        assert_eq!(Value::array(vec![Value::str("a")]).display(), "[\"a\"]");
    }
}
