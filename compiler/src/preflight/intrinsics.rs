//! Stdlib members run preflight: takes an extern member name
//! (`Queue.setConsumer`, `str.split`), its receiver and arguments, gives the
//! result value. Resource constructors record props and handlers in the
//! tree; data operations run in `wing-std`, as they do inflight.

use super::eval::{Eval, Evaluator, fail, throw};
use super::tree::ResourceId;
use super::value::{ExternValue, FunctionValue, Value, as_resource, resource_value};
use crate::syntax::ast::Span;
use wing_abi::EdgeKind;

impl<'a> Evaluator<'a> {
    /// Fills a new resource from its constructor arguments.
    pub(super) fn construct(&mut self, resource: ResourceId, type_name: &str, args: Vec<Value>, span: Span) -> Eval<()> {
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

    fn set_handler(&mut self, resource: ResourceId, handler: Value, span: Span) -> Eval<()> {
        match self.app.function(&handler).cloned() {
            Some(FunctionValue::Closure(closure)) => {
                self.app.tree.get_mut(resource).handler = Some(closure);
                Ok(())
            }
            _ => fail("E0500", "internal error: a handler must be a closure", span),
        }
    }

    /// Runs a stdlib member preflight: the cloud members that build the
    /// tree here, `log` and `assert`, and every data operation through
    /// `wing_std::ops`.
    pub(super) fn call_extern(&mut self, target: &ExternValue, args: Vec<Value>, span: Span) -> Eval<Value> {
        let resource = target.receiver.as_ref().and_then(as_resource);
        match (target.name.as_str(), resource) {
            ("Queue.setConsumer", Some(queue)) => {
                let mut args = args.into_iter();
                let (handler, props) = (args.next().unwrap_or_default(), args.next());
                let id = self.app.tree.next_child_id(queue, "Consumer");
                let function = self.add_resource(Some(queue), &id, "cloud.Function", span)?;
                self.set_handler(function, handler, span)?;
                self.app.tree.get_mut(function).props = props_of(props, span)?;
                self.app.tree.connect(queue, function, EdgeKind::Consumer, Vec::new());
                Ok(resource_value(function))
            }
            ("Counter.initial", Some(counter)) => {
                let initial = self.app.tree.get(counter).props.get("initial").and_then(|v| v.as_f64());
                Ok(Value::Num(initial.unwrap_or(0.0)))
            }
            ("log", _) => {
                let line = args.first().map(Value::display).unwrap_or_default();
                self.app.logs.push(line);
                Ok(Value::Nil)
            }
            ("assert", _) => match args.as_slice() {
                [Value::Bool(true), ..] => Ok(Value::Nil),
                [_, Value::Str(message), ..] => throw(format!("assertion failed: {message}"), span),
                _ => throw("assertion failed", span),
            },
            (name, _) => {
                let Some(operation) = wing_std::ops::lookup(&target.module, name) else {
                    return fail("E0900", format!("`{name}` cannot run preflight in this version of wingc yet"), span);
                };
                let mut all = Vec::with_capacity(args.len() + 1);
                all.extend(target.receiver.clone());
                all.extend(args);
                operation(&all).or_else(|error| throw(error.0, span))
            }
        }
    }
}

fn props_of(props: Option<Value>, span: Span) -> Eval<std::collections::BTreeMap<String, serde_json::Value>> {
    match props {
        None | Some(Value::Nil) => Ok(Default::default()),
        Some(Value::Map(map)) => {
            Ok(map.borrow().iter().filter(|(_, v)| !v.is_nil()).map(|(k, v)| (k.clone(), v.to_json())).collect())
        }
        Some(_) => fail("E0500", "internal error: props must be a struct", span),
    }
}
