//! Stdlib members run preflight: takes an extern member name (`Queue.setConsumer`,
//! `str.split`), its receiver and arguments, gives the result value.
//! Resource constructors record props and handlers in the tree.

use super::eval::{fail, Eval, Evaluator};
use super::tree::ResourceId;
use super::value::Value;
use crate::syntax::ast::Span;
use std::rc::Rc;
use wing_abi::EdgeKind;

impl<'a> Evaluator<'a> {
    /// Fills a new resource from its constructor arguments.
    pub(super) fn construct(&mut self, resource: ResourceId, type_name: &str, args: Vec<Value<'a>>, span: Span) -> Eval<'a, ()> {
        let (handler, props) = match type_name {
            "cloud.Function" => {
                let mut args = args.into_iter();
                (args.next(), args.next())
            }
            _ => (None, args.into_iter().next()),
        };
        if let Some(handler) = handler {
            self.set_handler(resource, handler, span)?;
        }
        let props = props_of(props, span)?;
        let node = self.app.tree.get_mut(resource);
        node.props = props;
        if type_name == "cloud.Counter" {
            node.props.entry("initial".to_string()).or_insert(serde_json::json!(0));
        }
        Ok(())
    }

    fn set_handler(&mut self, resource: ResourceId, handler: Value<'a>, span: Span) -> Eval<'a, ()> {
        match handler {
            Value::Closure(closure) => {
                self.app.tree.get_mut(resource).handler = Some(closure);
                Ok(())
            }
            _ => fail("E0500", "internal error: a handler must be a closure", span),
        }
    }

    pub(super) fn call_extern(&mut self, name: &str, receiver: Option<Value<'a>>, args: Vec<Value<'a>>, span: Span) -> Eval<'a, Value<'a>> {
        let mut args = args.into_iter();
        let mut arg = || args.next().unwrap_or(Value::Nil);
        let receiver = receiver.unwrap_or(Value::Nil);
        Ok(match (name, receiver) {
            ("Queue.setConsumer", Value::Resource(queue)) => {
                let (handler, props) = (arg(), arg());
                let id = self.app.tree.next_child_id(queue, "Consumer");
                let function = self.add_resource(Some(queue), &id, "cloud.Function", span)?;
                self.set_handler(function, handler, span)?;
                let props = props_of(Some(props), span)?;
                self.app.tree.get_mut(function).props = props;
                self.app.tree.connect(queue, function, EdgeKind::Consumer, Vec::new());
                Value::Resource(function)
            }
            ("Counter.initial", Value::Resource(counter)) => {
                let initial = self.app.tree.get(counter).props.get("initial").and_then(|v| v.as_f64());
                Value::Num(initial.unwrap_or(0.0))
            }
            ("log", _) => {
                let line = arg().display();
                self.app.logs.push(line);
                Value::Nil
            }
            (name, receiver) => std_member(name, receiver, &mut arg, span)?,
        })
    }
}

fn props_of(props: Option<Value<'_>>, span: Span) -> Eval<'_, std::collections::BTreeMap<String, serde_json::Value>> {
    match props {
        None | Some(Value::Nil) => Ok(Default::default()),
        Some(Value::Map(map)) => Ok(map
            .borrow()
            .iter()
            .filter(|(_, v)| !matches!(v, Value::Nil))
            .filter_map(|(k, v)| Some((k.clone(), v.to_json()?)))
            .collect()),
        Some(_) => fail("E0500", "internal error: props must be a struct", span),
    }
}

fn text(value: &Value<'_>) -> Rc<str> {
    match value {
        Value::Str(s) => s.clone(),
        other => Rc::from(other.display()),
    }
}

fn number(value: &Value<'_>) -> f64 {
    match value {
        Value::Num(n) | Value::Duration(n) => *n,
        _ => f64::NAN,
    }
}

/// The phase-independent members of built-in types.
fn std_member<'a>(name: &str, receiver: Value<'a>, arg: &mut dyn FnMut() -> Value<'a>, span: Span) -> Eval<'a, Value<'a>> {
    let s = || text(&receiver);
    Ok(match name {
        "str.length" => Value::Num(s().chars().count() as f64),
        "str.contains" => Value::Bool(s().contains(&*text(&arg()))),
        "str.startsWith" => Value::Bool(s().starts_with(&*text(&arg()))),
        "str.endsWith" => Value::Bool(s().ends_with(&*text(&arg()))),
        "str.indexOf" => {
            let hay = s();
            let needle = text(&arg());
            Value::Num(hay.find(&*needle).map_or(-1.0, |byte| hay[..byte].chars().count() as f64))
        }
        "str.split" => {
            let separator = text(&arg());
            Value::array(s().split(&*separator).map(Value::str).collect())
        }
        "str.trim" => Value::str(s().trim()),
        "str.uppercase" => Value::str(&s().to_uppercase()),
        "str.lowercase" => Value::str(&s().to_lowercase()),
        "str.replace" => {
            let (from, to) = (text(&arg()), text(&arg()));
            Value::str(&s().replacen(&*from, &to, 1))
        }
        "str.replaceAll" => {
            let (from, to) = (text(&arg()), text(&arg()));
            Value::str(&s().replace(&*from, &to))
        }
        "str.substring" | "str.at" => {
            let chars: Vec<char> = s().chars().collect();
            let start = number(&arg());
            let end = if name == "str.at" { start + 1.0 } else { match arg() { Value::Nil => chars.len() as f64, v => number(&v) } };
            let clamp = |n: f64| n.max(0.0).min(chars.len() as f64) as usize;
            if name == "str.at" && (start < 0.0 || start >= chars.len() as f64) {
                return fail("E0510", format!("index {} is out of bounds for a string of length {}", wing_abi::text::format_num(start), chars.len()), span);
            }
            let (a, b) = (clamp(start), clamp(end));
            Value::str(&chars[a.min(b)..b.max(a)].iter().collect::<String>())
        }
        "str.fromJson" => match arg() {
            v @ Value::Str(_) => v,
            other => return fail("E0512", format!("expected a string, found {}", other.display()), span),
        },
        "num.fromStr" => {
            let t = text(&arg());
            match t.trim().parse::<f64>() {
                Ok(n) => Value::Num(n),
                Err(_) => return fail("E0512", format!("\"{t}\" is not a number"), span),
            }
        }
        "num.fromJson" => match arg() {
            v @ Value::Num(_) => v,
            other => return fail("E0512", format!("expected a number, found {}", other.display()), span),
        },
        "bool.fromJson" => match arg() {
            v @ Value::Bool(_) => v,
            other => return fail("E0512", format!("expected a boolean, found {}", other.display()), span),
        },
        "duration.milliseconds" => Value::Num(number(&receiver) * 1000.0),
        "duration.seconds" => Value::Num(number(&receiver)),
        "duration.minutes" => Value::Num(number(&receiver) / 60.0),
        "duration.hours" => Value::Num(number(&receiver) / 3600.0),
        "Json.get" | "Json.tryGet" | "Map.get" | "Map.tryGet" => {
            let key = text(&arg());
            let found = match &receiver {
                Value::Map(map) => map.borrow().get(&*key).cloned(),
                _ => None,
            };
            match (found, name.ends_with("tryGet")) {
                (Some(v), _) => v,
                (None, true) => Value::Nil,
                (None, false) => return fail("E0511", format!("key \"{key}\" does not exist"), span),
            }
        }
        "Json.getAt" | "Array.at" => {
            let i = number(&arg());
            let found = match &receiver {
                Value::Array(items) => {
                    let items = items.borrow();
                    let at = if i < 0.0 { items.len() as f64 + i } else { i };
                    (at >= 0.0 && at.fract() == 0.0).then(|| items.get(at as usize).cloned()).flatten()
                }
                _ => None,
            };
            match found {
                Some(v) => v,
                None => return fail("E0510", format!("index {} is out of bounds", wing_abi::text::format_num(i)), span),
            }
        }
        "Json.asStr" | "Json.tryAsStr" => json_cast(receiver, name, |v| matches!(v, Value::Str(_)), "a string", span)?,
        "Json.asNum" | "Json.tryAsNum" => json_cast(receiver, name, |v| matches!(v, Value::Num(_)), "a number", span)?,
        "Json.asBool" | "Json.tryAsBool" => json_cast(receiver, name, |v| matches!(v, Value::Bool(_)), "a boolean", span)?,
        "Json.stringify" => Value::str(&arg().to_json().map(|j| wing_abi::text::stringify_json(&j)).unwrap_or_default()),
        "Json.parse" => {
            let t = text(&arg());
            match serde_json::from_str::<serde_json::Value>(&t) {
                Ok(json) => Value::from_json(&json),
                Err(e) => return fail("E0512", format!("invalid Json: {e}"), span),
            }
        }
        "Array.length" => match &receiver {
            Value::Array(items) => Value::Num(items.borrow().len() as f64),
            _ => Value::Num(0.0),
        },
        "Array.contains" => {
            let needle = arg();
            match &receiver {
                Value::Array(items) => Value::Bool(items.borrow().iter().any(|v| v.equals(&needle))),
                _ => Value::Bool(false),
            }
        }
        "Array.join" => {
            let separator = match arg() { Value::Nil => Rc::from(","), v => text(&v) };
            match &receiver {
                Value::Array(items) => Value::str(&items.borrow().iter().map(Value::display).collect::<Vec<_>>().join(&separator)),
                _ => Value::str(""),
            }
        }
        "Map.has" => {
            let key = text(&arg());
            Value::Bool(matches!(&receiver, Value::Map(m) if m.borrow().contains_key(&*key)))
        }
        "Map.size" => Value::Num(match &receiver { Value::Map(m) => m.borrow().len() as f64, _ => 0.0 }),
        "Map.keys" => match &receiver {
            Value::Map(m) => Value::array(m.borrow().keys().map(|k| Value::str(k)).collect()),
            _ => Value::array(Vec::new()),
        },
        "equal" | "notEqual" => {
            let (actual, expected) = (arg(), arg());
            let same = actual.equals(&expected);
            if same != (name == "equal") {
                let relation = if name == "equal" { "to equal" } else { "not to equal" };
                return fail("E0513", format!("expected {} {relation} {}", actual.display(), expected.display()), span);
            }
            Value::Nil
        }
        "assert" => {
            let (condition, message) = (arg(), arg());
            if !matches!(condition, Value::Bool(true)) {
                let message = match message { Value::Nil => "assertion failed".to_string(), m => m.display() };
                return fail("E0514", message, span);
            }
            Value::Nil
        }
        "ok" => {
            let (condition, message) = (arg(), arg());
            if !matches!(condition, Value::Bool(true)) {
                let message = match message { Value::Nil => "expected condition to be true".to_string(), m => m.display() };
                return fail("E0513", message, span);
            }
            Value::Nil
        }
        other => return fail("E0900", format!("`{other}` cannot run preflight in this version of wingc yet"), span),
    })
}

/// `asX` fails on another kind of value; `tryAsX` gives nil.
fn json_cast<'a>(value: Value<'a>, name: &str, is_kind: impl Fn(&Value<'a>) -> bool, kind: &str, span: Span) -> Eval<'a, Value<'a>> {
    if is_kind(&value) {
        Ok(value)
    } else if name.starts_with("Json.try") {
        Ok(Value::Nil)
    } else {
        fail("E0512", format!("expected {kind}, found {}", value.display()), span)
    }
}
