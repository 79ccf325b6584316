//! Preflight expressions: takes an expression and its environment, gives
//! its value. Operators follow Wing's (JavaScript's) arithmetic; stdlib
//! members run through `intrinsics.rs`, user classes through `classes.rs`.

use super::env::Env;
use super::eval::{Eval, Evaluator, fail, throw};
use super::value::{ClosureValue, ExternValue, FnBody, FunctionValue, Value};
use crate::check::{ArgSlot, CallInfo, MemberRef, NameRef, StructOp};
use crate::syntax::ast::{Arg, BinaryOp, Expr, ExprKind, InterpolationPart, Phase, Span, UnaryOp};
use std::rc::Rc;

impl<'a> Evaluator<'a> {
    /// An expression's value; a closure used as another function type is
    /// marked with that type (see [`ClosureValue::used_as`]).
    pub(super) fn eval(&mut self, expr: &'a Expr, env: &Rc<Env>) -> Eval<Value> {
        let value = self.eval_value(expr, env)?;
        if let Some(&receiver) = self.sem.object_functions.get(expr.id) {
            // A handler interface may hold a closure: its `handle` is itself.
            if self.app.function(&value).is_some() {
                return Ok(value);
            }
            return Ok(self.function_value(FunctionValue::Method { this: value, class: receiver, name: "handle".to_string() }));
        }
        let Some(&used_as) = self.sem.coercions.get(expr.id) else { return Ok(value) };
        Ok(match self.app.function(&value) {
            Some(FunctionValue::Closure(closure)) => {
                let marked = ClosureValue { used_as: Some(used_as), ..(**closure).clone() };
                self.function_value(FunctionValue::Closure(Rc::new(marked)))
            }
            _ => value,
        })
    }

    fn eval_value(&mut self, expr: &'a Expr, env: &Rc<Env>) -> Eval<Value> {
        Ok(match &expr.kind {
            ExprKind::Nil => Value::Nil,
            ExprKind::Bool(b) => Value::Bool(*b),
            ExprKind::Num(n) => Value::Num(*n),
            ExprKind::Duration(d) => Value::Duration(*d),
            ExprKind::Str(s) => Value::str(s),
            ExprKind::Interpolated(parts) => {
                let mut text = String::new();
                for part in parts {
                    match part {
                        InterpolationPart::Text(t) => text.push_str(t),
                        InterpolationPart::Expr(e) => {
                            let value = self.eval(e, env)?;
                            let is_json = matches!(
                                self.sem.types.get(self.sem.type_of(e.id)),
                                crate::check::Type::Json | crate::check::Type::MutJson
                            );
                            let shown = if is_json { value.to_json_text() } else { value.to_text() };
                            text.push_str(&shown.or_else(|problem| throw(problem.to_string(), e.span))?);
                        }
                    }
                }
                Value::string(text)
            }
            ExprKind::Ident(_) => self.eval_name(expr, env)?,
            ExprKind::Member { object, name, optional } => self.eval_member(expr, object, &name.name, *optional, env)?,
            ExprKind::Call { callee, args } => self.eval_call(expr, callee, args, env)?,
            ExprKind::Index { object: target, index } => {
                let (object, index) = (self.eval(target, env)?, self.eval(index, env)?);
                self.index(object, index, self.sem.type_of(target.id), expr.span)?
            }
            ExprKind::Unary { op, operand } => {
                let value = self.eval(operand, env)?;
                match (op, value) {
                    (UnaryOp::Neg, Value::Num(n)) => Value::Num(-n),
                    (UnaryOp::Neg, Value::Duration(n)) => Value::Duration(-n),
                    (UnaryOp::Not, Value::Bool(b)) => Value::Bool(!b),
                    (UnaryOp::IsSome, v) => Value::Bool(!v.is_nil()),
                    (UnaryOp::Unwrap, Value::Nil) => {
                        return throw("unexpected nil: `!` was used on a value that is nil", expr.span);
                    }
                    (UnaryOp::Unwrap, v) => v,
                    _ => return fail("E0500", "internal error: bad operand", expr.span),
                }
            }
            ExprKind::Binary { op, left, right } => self.eval_binary(*op, left, right, expr.span, env)?,
            ExprKind::New { args, id, scope, .. } => self.eval_new(expr, args, id.as_deref(), scope.as_deref(), env)?,
            ExprKind::Closure(closure) => self.function_value(FunctionValue::Closure(Rc::new(ClosureValue {
                node: expr.id,
                body: FnBody::Closure(closure),
                phase: self.sem.closures.get(expr.id).map_or(Phase::Preflight, |c| c.phase),
                env: env.clone(),
                used_as: None,
            }))),
            ExprKind::ArrayLiteral { items, .. } => {
                let items = items.iter().map(|i| self.eval(i, env)).collect::<Eval<Vec<_>>>()?;
                match self.sem.types.get(self.sem.type_of(expr.id)) {
                    crate::check::Type::Set(_) | crate::check::Type::MutSet(_) => Value::set(items),
                    _ => Value::array(items),
                }
            }
            ExprKind::MapLiteral { entries, .. } => {
                let mut map = wing_std::Entries::default();
                for (k, v) in entries {
                    let key = self.eval(k, env)?.display();
                    map.insert(key, self.eval(v, env)?);
                }
                Value::map(map)
            }
            ExprKind::JsonLiteral { fields, .. } | ExprKind::StructLiteral { fields, .. } => {
                let mut map = wing_std::Entries::default();
                for (name, v) in fields {
                    let value = self.eval(v, env)?;
                    if !value.is_nil() {
                        map.insert(name.name.clone(), value);
                    }
                }
                Value::map(map)
            }
            ExprKind::JsonValue { value, .. } => self.eval(value, env)?,
            ExprKind::Intrinsic(name) => match name.name.as_str() {
                "filename" => Value::str(&self.app.file_name),
                "dirname" => Value::str(&self.app.dir_name),
                // The one app: `IApp.*` members compute what they give.
                "app" => Value::Nil,
                _ => Value::str(&self.app.target),
            },
            ExprKind::Range { .. } | ExprKind::Error => {
                return fail("E0500", "internal error: this expression has no value", expr.span);
            }
        })
    }

    fn eval_name(&mut self, expr: &'a Expr, env: &Rc<Env>) -> Eval<Value> {
        match self.sem.names.get(expr.id) {
            Some(NameRef::Var(var)) => match env.get(*var) {
                Some(value) => Ok(value),
                None => fail("E0506", format!("`{}` is used before it has a value", self.sem.var(*var).name), expr.span),
            },
            Some(NameRef::Extern(target)) => Ok(self.function_value(FunctionValue::Extern(ExternValue {
                module: target.module.clone(),
                name: target.name.clone(),
                receiver: None,
            }))),
            _ => fail("E0500", "internal error: unresolved name", expr.span),
        }
    }

    fn eval_member(&mut self, expr: &'a Expr, object: &'a Expr, name: &str, optional: bool, env: &Rc<Env>) -> Eval<Value> {
        let Some(member) = self.sem.members.get(expr.id).cloned() else {
            return fail("E0500", "internal error: unresolved member", expr.span);
        };
        match member {
            MemberRef::Extern { target, is_property } => {
                let receiver = if target.has_receiver { Some(self.eval(object, env)?) } else { None };
                if optional && receiver.as_ref().is_some_and(Value::is_nil) {
                    return Ok(Value::Nil);
                }
                let bound = ExternValue { module: target.module.clone(), name: target.name.clone(), receiver };
                if is_property {
                    self.call_extern(&bound, Vec::new(), expr.span)
                } else {
                    Ok(self.function_value(FunctionValue::Extern(bound)))
                }
            }
            MemberRef::StructField(field) => match &self.eval(object, env)? {
                Value::Map(map) => Ok(map.borrow().get(&field).cloned().unwrap_or_default()),
                Value::Nil if optional => Ok(Value::Nil),
                _ => fail("E0500", "internal error: field of a non-struct", expr.span),
            },
            MemberRef::Field { .. } => {
                let object = self.eval(object, env)?;
                if optional && object.is_nil() {
                    return Ok(Value::Nil);
                }
                Ok(self.read_field(&object, name))
            }
            MemberRef::Method { receiver, name } => {
                let object = self.eval(object, env)?;
                if optional && object.is_nil() {
                    return Ok(Value::Nil);
                }
                Ok(self.bound_method(object, receiver, &name))
            }
            MemberRef::StaticMethod { class, name } => Ok(self.function_value(FunctionValue::Static { class, name })),
            MemberRef::EnumVariant { name, .. } => Ok(Value::str(&name)),
            MemberRef::StructStatic { id, op } => Ok(self.function_value(FunctionValue::StructStatic { id, op })),
            MemberRef::Type(_) => fail("E0500", "internal error: a type is not a value", expr.span),
        }
    }

    pub(super) fn call_args(&mut self, call: &CallInfo, args: &'a [Arg], env: &Rc<Env>) -> Eval<Vec<Value>> {
        call.slots
            .iter()
            .map(|slot| match slot {
                ArgSlot::Positional(i) => self.eval(&args[*i].value, env),
                ArgSlot::Missing => Ok(Value::Nil),
                ArgSlot::Expanded { fields } => {
                    let mut map = wing_std::Entries::default();
                    for (name, i) in fields {
                        let value = self.eval(&args[*i].value, env)?;
                        if !value.is_nil() {
                            map.insert(name.clone(), value);
                        }
                    }
                    Ok(Value::map(map))
                }
                ArgSlot::Rest(indices) => {
                    let items = indices.iter().map(|i| self.eval(&args[*i].value, env)).collect::<Eval<Vec<_>>>()?;
                    Ok(Value::array(items))
                }
            })
            .collect()
    }

    fn eval_call(&mut self, expr: &'a Expr, callee: &'a Expr, args: &'a [Arg], env: &Rc<Env>) -> Eval<Value> {
        let Some(call) = self.sem.calls.get(expr.id) else {
            return fail("E0500", "internal error: unchecked call", expr.span);
        };
        match self.sem.names.get(callee.id) {
            Some(NameRef::SuperConstructor { parent, this }) => {
                let (parent, this) = (*parent, *this);
                let args = self.call_args(call, args, env)?;
                let this = env.get(this).unwrap_or_default();
                self.construct_object(parent, &this, args, expr.span)?;
                return Ok(Value::Nil);
            }
            Some(NameRef::Extern(target)) if target.name == "unsafeCast" => {
                return args.first().map_or(Ok(Value::Nil), |a| self.eval(&a.value, env));
            }
            _ => {}
        }
        if let ExprKind::Member { optional: true, object, .. } = &callee.kind
            && matches!(self.sem.members.get(callee.id), Some(MemberRef::Method { .. } | MemberRef::Extern { .. }))
        {
            let receiver = self.eval(object, env)?;
            if receiver.is_nil() {
                return Ok(Value::Nil);
            }
        }
        let function = self.eval(callee, env)?;
        let args = self.call_args(call, args, env)?;
        if let Some(receiver) = self.sem.handle_calls.get(expr.id) {
            return self.call_method(function, *receiver, "handle", args, expr.span);
        }
        self.call_value(function, args, expr.span)
    }

    pub(super) fn call_value(&mut self, function: Value, args: Vec<Value>, span: Span) -> Eval<Value> {
        match self.app.function(&function).cloned() {
            Some(FunctionValue::Extern(bound)) => self.call_extern(&bound, args, span),
            Some(FunctionValue::Closure(closure)) if closure.phase != Phase::Inflight => self.call_closure(&closure, args, span),
            Some(FunctionValue::Closure(_)) => fail("E0303", "cannot call an inflight closure in preflight code", span),
            Some(FunctionValue::Method { this, class, name }) => self.call_method(this, class, &name, args, span),
            Some(FunctionValue::Static { class, name }) => self.call_static(class, &name, args, span),
            Some(FunctionValue::StructStatic { id, op }) => self.struct_static(id, op, args, span),
            None => fail("E0500", "internal error: call of a non-function", span),
        }
    }

    fn struct_static(&mut self, id: crate::check::StructId, op: StructOp, args: Vec<Value>, span: Span) -> Eval<Value> {
        let schema = crate::check::struct_schema(self.sem, id);
        let input = args.into_iter().next().unwrap_or_default();
        let name = match op {
            StructOp::FromJson => "struct.fromJson",
            StructOp::TryFromJson => "struct.tryFromJson",
            StructOp::ParseJson => "struct.parseJson",
            StructOp::TryParseJson => "struct.tryParseJson",
        };
        let operation = wing_std::ops::lookup("std", name).ok_or_else(|| {
            super::eval::Flow::Error(Box::new(crate::diagnostics::Diagnostic::error(
                "E0500",
                "internal error: missing struct operation",
                span,
            )))
        })?;
        operation(&[input, Value::string(schema)]).or_else(|e| throw(e.0, span))
    }

    fn eval_binary(&mut self, op: BinaryOp, left: &'a Expr, right: &'a Expr, span: Span, env: &Rc<Env>) -> Eval<Value> {
        match op {
            BinaryOp::And => return Ok(Value::Bool(self.truthy(left, env)? && self.truthy(right, env)?)),
            BinaryOp::Or => return Ok(Value::Bool(self.truthy(left, env)? || self.truthy(right, env)?)),
            BinaryOp::Coalesce => {
                return match self.eval(left, env)? {
                    Value::Nil => self.eval(right, env),
                    value => Ok(value),
                };
            }
            _ => {}
        }
        let (l, r) = (self.eval(left, env)?, self.eval(right, env)?);
        match op {
            BinaryOp::Eq => Ok(Value::Bool(l.equals(&r))),
            BinaryOp::NotEq => Ok(Value::Bool(!l.equals(&r))),
            BinaryOp::Less | BinaryOp::LessEq | BinaryOp::Greater | BinaryOp::GreaterEq => {
                let (Value::Num(a) | Value::Duration(a), Value::Num(b) | Value::Duration(b)) = (&l, &r) else {
                    return fail("E0500", "internal error: bad comparison", span);
                };
                Ok(Value::Bool(match op {
                    BinaryOp::Less => a < b,
                    BinaryOp::LessEq => a <= b,
                    BinaryOp::Greater => a > b,
                    _ => a >= b,
                }))
            }
            _ => self.arith(op, l, r, span),
        }
    }

    pub(super) fn arith(&mut self, op: BinaryOp, l: Value, r: Value, span: Span) -> Eval<Value> {
        if let (BinaryOp::Add, Value::Str(a), Value::Str(b)) = (op, &l, &r) {
            return Ok(Value::string(format!("{a}{b}")));
        }
        let (Value::Num(a) | Value::Duration(a), Value::Num(b) | Value::Duration(b)) = (l, r) else {
            return fail("E0500", "internal error: arithmetic on non-numbers", span);
        };
        Ok(Value::Num(arithmetic(op, a, b)))
    }

    /// `object[index]`: the operation is chosen by the object's static type.
    pub(super) fn index(&mut self, object: Value, index: Value, object_ty: crate::check::TypeId, span: Span) -> Eval<Value> {
        use crate::check::Type;
        let name = match (self.sem.types.get(object_ty), &index) {
            (Type::Array(_) | Type::MutArray(_), _) => "Array.index",
            (Type::Map(_) | Type::MutMap(_), _) => "Map.get",
            (Type::Str, _) => "str.at",
            (_, Value::Num(_)) => "Json.index",
            _ => "Json.get",
        };
        match wing_std::ops::lookup("std", name) {
            Some(operation) => operation(&[object, index]).or_else(|e| throw(e.0, span)),
            None => fail("E0500", "internal error: bad index", span),
        }
    }
}

/// The arithmetic of Wing numbers: `\` truncates towards zero and `%`
/// keeps the dividend's sign, as in Wing.
pub(crate) fn arithmetic(op: BinaryOp, a: f64, b: f64) -> f64 {
    match op {
        BinaryOp::Add => a + b,
        BinaryOp::Sub => a - b,
        BinaryOp::Mul => a * b,
        BinaryOp::Div => a / b,
        BinaryOp::FloorDiv => (a / b).trunc(),
        BinaryOp::Mod => a % b,
        BinaryOp::Pow => a.powf(b),
        _ => f64::NAN,
    }
}
