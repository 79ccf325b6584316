//! The tree-walking interpreter for preflight code: takes statements and
//! expressions with the checker's tables, gives values and fills the app.

use super::env::Env;
use super::tree::ResourceId;
use super::value::{ClosureValue, ExternValue, FnBody, FunctionValue, Ref, RefKind, Value, as_resource, resource_value};
use super::{App, TestDecl};
use crate::check::{ArgSlot, CallInfo, MemberRef, NameRef, Semantics, VarId};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{
    Arg, AssignOp, BinaryOp, Block, Expr, ExprKind, InterpolationPart, Module, Phase, Span, Stmt, StmtKind, UnaryOp,
};
use indexmap::IndexMap;
use std::rc::Rc;

/// Why evaluation left a statement early.
pub(super) enum Flow {
    Return(Value),
    Break,
    Continue,
    Error(Box<Diagnostic>),
}

pub(super) type Eval<T> = Result<T, Flow>;

pub(super) fn fail<T>(code: &'static str, message: impl Into<String>, span: Span) -> Eval<T> {
    Err(Flow::Error(Box::new(Diagnostic::error(code, message, span))))
}

/// Preflight code may not run forever: this many loop iterations in total
/// end evaluation with an error.
const STEP_LIMIT: u64 = 50_000_000;

pub(super) struct Evaluator<'a> {
    pub(super) sem: &'a Semantics,
    pub(super) app: App<'a>,
    /// What `RefKind::Function` refs point at.
    functions: Vec<FunctionValue<'a>>,
    steps: u64,
    depth: usize,
}

impl<'a> Evaluator<'a> {
    pub(super) fn new(sem: &'a Semantics) -> Evaluator<'a> {
        Evaluator { sem, app: App::default(), functions: Vec::new(), steps: 0, depth: 0 }
    }

    pub(super) fn into_app(self) -> App<'a> {
        self.app
    }

    pub(super) fn run(&mut self, program: &'a Module) -> Result<(), Box<Diagnostic>> {
        let env = Rc::new(Env::default());
        match self.exec_stmts(&program.stmts, &env) {
            Ok(()) | Err(Flow::Return(_) | Flow::Break | Flow::Continue) => Ok(()),
            Err(Flow::Error(diagnostic)) => Err(diagnostic),
        }
    }

    fn exec_stmts(&mut self, stmts: &'a [Stmt], env: &Rc<Env>) -> Eval<()> {
        for stmt in stmts {
            self.exec(stmt, env)?;
        }
        Ok(())
    }

    fn exec_block(&mut self, block: &'a Block, env: &Rc<Env>) -> Eval<()> {
        self.exec_stmts(&block.stmts, &Env::child(env))
    }

    fn declared(&self, stmt: &Stmt) -> Eval<VarId> {
        match self.sem.declared.get(stmt.id) {
            Some(var) => Ok(*var),
            None => fail("E0500", "internal error: unchecked declaration", stmt.span),
        }
    }

    fn exec(&mut self, stmt: &'a Stmt, env: &Rc<Env>) -> Eval<()> {
        match &stmt.kind {
            StmtKind::Bring { .. } | StmtKind::Error => {}
            StmtKind::Let { value, .. } => {
                let value = self.eval(value, env)?;
                env.define(self.declared(stmt)?, value);
            }
            StmtKind::Assign { target, op, value } => {
                let Some(NameRef::Var(var)) = self.sem.names.get(target.id) else {
                    return fail("E0501", "this assignment is not supported preflight yet", target.span);
                };
                let new = self.eval(value, env)?;
                let new = match op {
                    AssignOp::Set => new,
                    AssignOp::Add | AssignOp::Sub => {
                        let old = env.get(*var).unwrap_or(Value::Nil);
                        let binary = if *op == AssignOp::Add { BinaryOp::Add } else { BinaryOp::Sub };
                        self.arith(binary, old, new, stmt.span)?
                    }
                };
                env.set(*var, new);
            }
            StmtKind::Expr(expr) => {
                self.eval(expr, env)?;
            }
            StmtKind::If { cond, then, otherwise } => {
                if self.truthy(cond, env)? {
                    self.exec_block(then, env)?;
                } else if let Some(otherwise) = otherwise {
                    self.exec_block(otherwise, env)?;
                }
            }
            StmtKind::IfLet { value, then, otherwise, .. } => {
                let value = self.eval(value, env)?;
                if matches!(value, Value::Nil) {
                    if let Some(otherwise) = otherwise {
                        self.exec_block(otherwise, env)?;
                    }
                } else {
                    let scope = Env::child(env);
                    scope.define(self.declared(stmt)?, value);
                    self.exec_block(then, &scope)?;
                }
            }
            StmtKind::For { iterable, body, .. } => self.exec_for(stmt, iterable, body, env)?,
            StmtKind::While { cond, body } => {
                while self.truthy(cond, env)? {
                    self.step(stmt.span)?;
                    match self.exec_block(body, env) {
                        Err(Flow::Break) => break,
                        Err(Flow::Continue) | Ok(()) => {}
                        Err(other) => return Err(other),
                    }
                }
            }
            StmtKind::Break => return Err(Flow::Break),
            StmtKind::Continue => return Err(Flow::Continue),
            StmtKind::Return(value) => {
                let value = match value {
                    Some(v) => self.eval(v, env)?,
                    None => Value::Nil,
                };
                return Err(Flow::Return(value));
            }
            StmtKind::Throw(value) => {
                let message = self.eval(value, env)?.display();
                return fail("E0502", format!("preflight code threw: {message}"), stmt.span);
            }
            StmtKind::Block(block) => self.exec_block(block, env)?,
            StmtKind::Test { name, body, .. } => {
                let closure =
                    Rc::new(ClosureValue { node: stmt.id, body: FnBody::Test(body), phase: Phase::Inflight, env: env.clone() });
                self.app.tests.push(TestDecl { name: name.clone(), closure, span: stmt.span });
            }
            StmtKind::Try { .. }
            | StmtKind::Class(_)
            | StmtKind::Interface(_)
            | StmtKind::Struct(_)
            | StmtKind::Enum(_)
            | StmtKind::ExternFunction(_) => {
                return fail("E0900", "this statement is not supported by this version of wingc yet", stmt.span);
            }
        }
        Ok(())
    }

    fn step(&mut self, span: Span) -> Eval<()> {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            return fail("E0503", "preflight code ran too long (is there an endless loop?)", span);
        }
        Ok(())
    }

    fn exec_for(&mut self, stmt: &'a Stmt, iterable: &'a Expr, body: &'a Block, env: &Rc<Env>) -> Eval<()> {
        let var = self.declared(stmt)?;
        let items: Vec<Value> = match &iterable.kind {
            ExprKind::Range { start, end, inclusive } => {
                let (start, end) = (self.num(start, env)?, self.num(end, env)?);
                let mut items = Vec::new();
                let mut i = start;
                let step = if end >= start { 1.0 } else { -1.0 };
                while (step > 0.0 && (i < end || (*inclusive && i == end)))
                    || (step < 0.0 && (i > end || (*inclusive && i == end)))
                {
                    self.step(stmt.span)?;
                    items.push(Value::Num(i));
                    i += step;
                }
                items
            }
            _ => match self.eval(iterable, env)? {
                Value::Array(items) => items.borrow().clone(),
                _ => return fail("E0504", "this value cannot be iterated", iterable.span),
            },
        };
        for item in items {
            self.step(stmt.span)?;
            let scope = Env::child(env);
            scope.define(var, item);
            match self.exec_block(body, &scope) {
                Err(Flow::Break) => break,
                Err(Flow::Continue) | Ok(()) => {}
                Err(other) => return Err(other),
            }
        }
        Ok(())
    }

    fn truthy(&mut self, expr: &'a Expr, env: &Rc<Env>) -> Eval<bool> {
        match self.eval(expr, env)? {
            Value::Bool(b) => Ok(b),
            _ => fail("E0500", "internal error: condition is not a bool", expr.span),
        }
    }

    pub(super) fn num(&mut self, expr: &'a Expr, env: &Rc<Env>) -> Eval<f64> {
        match self.eval(expr, env)? {
            Value::Num(n) | Value::Duration(n) => Ok(n),
            _ => fail("E0500", "internal error: expected a number", expr.span),
        }
    }

    pub(super) fn eval(&mut self, expr: &'a Expr, env: &Rc<Env>) -> Eval<Value> {
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
                        InterpolationPart::Expr(e) => text.push_str(&self.eval(e, env)?.display()),
                    }
                }
                Value::str(&text)
            }
            ExprKind::Ident(_) => self.eval_name(expr, env)?,
            ExprKind::Member { object, .. } => self.eval_member(expr, object, env)?,
            ExprKind::Call { callee, args } => self.eval_call(expr, callee, args, env)?,
            ExprKind::Index { object, index } => {
                let (object, index) = (self.eval(object, env)?, self.eval(index, env)?);
                self.index(object, index, expr.span)?
            }
            ExprKind::Unary { op, operand } => {
                let value = self.eval(operand, env)?;
                match (op, value) {
                    (UnaryOp::Neg, Value::Num(n)) => Value::Num(-n),
                    (UnaryOp::Neg, Value::Duration(n)) => Value::Duration(-n),
                    (UnaryOp::Not, Value::Bool(b)) => Value::Bool(!b),
                    (UnaryOp::IsSome, v) => Value::Bool(!matches!(v, Value::Nil)),
                    (UnaryOp::Unwrap, Value::Nil) => {
                        return fail("E0505", "unexpected nil: `!` was used on a value that is nil", expr.span);
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
            }))),
            ExprKind::ArrayLiteral { items, .. } => Value::array(items.iter().map(|i| self.eval(i, env)).collect::<Eval<_>>()?),
            ExprKind::MapLiteral { entries, .. } => {
                let mut map = IndexMap::new();
                for (k, v) in entries {
                    let key = self.eval(k, env)?.display();
                    map.insert(key, self.eval(v, env)?);
                }
                Value::map(map)
            }
            ExprKind::JsonLiteral { fields, .. } | ExprKind::StructLiteral { fields, .. } => {
                let mut map = IndexMap::new();
                for (name, v) in fields {
                    map.insert(name.name.clone(), self.eval(v, env)?);
                }
                Value::map(map)
            }
            ExprKind::JsonValue { value, .. } => self.eval(value, env)?,
            ExprKind::Range { .. } | ExprKind::Intrinsic(_) | ExprKind::Error => {
                return fail("E0900", "this expression is not supported by this version of wingc yet", expr.span);
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

    fn eval_member(&mut self, expr: &'a Expr, object: &'a Expr, env: &Rc<Env>) -> Eval<Value> {
        let optional = matches!(&expr.kind, ExprKind::Member { optional: true, .. });
        match self.sem.members.get(expr.id) {
            Some(MemberRef::Extern { target, is_property }) => {
                let receiver = if target.has_receiver { Some(self.eval(object, env)?) } else { None };
                if optional && matches!(receiver, Some(Value::Nil)) {
                    return Ok(Value::Nil);
                }
                let bound = ExternValue { module: target.module.clone(), name: target.name.clone(), receiver };
                if *is_property {
                    self.call_extern(&bound, Vec::new(), expr.span)
                } else {
                    Ok(self.function_value(FunctionValue::Extern(bound)))
                }
            }
            Some(MemberRef::StructField(name)) => match self.eval(object, env)? {
                Value::Map(map) => Ok(map.borrow().get(name).cloned().unwrap_or(Value::Nil)),
                Value::Nil if optional => Ok(Value::Nil),
                _ => fail("E0500", "internal error: field of a non-struct", expr.span),
            },
            _ => fail("E0500", "internal error: unresolved member", expr.span),
        }
    }

    pub(super) fn call_args(&mut self, call: &CallInfo, args: &'a [Arg], env: &Rc<Env>) -> Eval<Vec<Value>> {
        call.slots
            .iter()
            .map(|slot| match slot {
                ArgSlot::Positional(i) => self.eval(&args[*i].value, env),
                ArgSlot::Missing => Ok(Value::Nil),
                ArgSlot::Expanded { fields } => {
                    let mut map = IndexMap::new();
                    for (name, i) in fields {
                        map.insert(name.clone(), self.eval(&args[*i].value, env)?);
                    }
                    Ok(Value::map(map))
                }
            })
            .collect()
    }

    fn eval_call(&mut self, expr: &'a Expr, callee: &'a Expr, args: &'a [Arg], env: &Rc<Env>) -> Eval<Value> {
        let function = self.eval(callee, env)?;
        let Some(call) = self.sem.calls.get(expr.id) else {
            return fail("E0500", "internal error: unchecked call", expr.span);
        };
        let args = self.call_args(call, args, env)?;
        self.call_value(function, args, expr.span)
    }

    pub(super) fn call_value(&mut self, function: Value, args: Vec<Value>, span: Span) -> Eval<Value> {
        match self.function(&function) {
            Some(FunctionValue::Extern(bound)) => self.call_extern(&bound, args, span),
            Some(FunctionValue::Closure(closure)) if closure.phase != Phase::Inflight => self.call_closure(&closure, args, span),
            Some(FunctionValue::Closure(_)) => fail("E0303", "cannot call an inflight closure in preflight code", span),
            None => fail("E0500", "internal error: call of a non-function", span),
        }
    }

    /// A new function value.
    pub(super) fn function_value(&mut self, function: FunctionValue<'a>) -> Value {
        self.functions.push(function);
        Value::Ref(Ref { kind: RefKind::Function, id: self.functions.len() as u32 - 1 })
    }

    /// What a function value stands for.
    pub(super) fn function(&self, value: &Value) -> Option<FunctionValue<'a>> {
        match value {
            Value::Ref(Ref { kind: RefKind::Function, id }) => self.functions.get(*id as usize).cloned(),
            _ => None,
        }
    }

    fn call_closure(&mut self, closure: &ClosureValue<'a>, args: Vec<Value>, span: Span) -> Eval<Value> {
        let (FnBody::Closure(code), Some(info)) = (closure.body, self.sem.closures.get(closure.node)) else {
            return fail("E0500", "internal error: call of unchecked code", span);
        };
        self.depth += 1;
        if self.depth > 500 {
            return fail("E0507", "preflight recursion is too deep", span);
        }
        let frame = Env::child(&closure.env);
        for (var, value) in info.params.iter().zip(args) {
            frame.define(*var, value);
        }
        let result = self.exec_stmts(&code.body.stmts, &frame);
        self.depth -= 1;
        match result {
            Ok(()) => Ok(Value::Nil),
            Err(Flow::Return(value)) => Ok(value),
            Err(Flow::Break | Flow::Continue) => fail("E0500", "internal error: loop control outside a loop", span),
            Err(error) => Err(error),
        }
    }

    fn eval_new(
        &mut self,
        expr: &'a Expr,
        args: &'a [Arg],
        id: Option<&'a Expr>,
        scope: Option<&'a Expr>,
        env: &Rc<Env>,
    ) -> Eval<Value> {
        let Some(info) = self.sem.news.get(expr.id) else {
            return fail("E0500", "internal error: unchecked `new`", expr.span);
        };
        let args = self.call_args(&info.call, args, env)?;
        let class = self.sem.class(info.class);
        let id = match id {
            Some(id) => self.eval(id, env)?.display(),
            None => class.name.clone(),
        };
        let scope = match scope {
            Some(scope) => match as_resource(&self.eval(scope, env)?) {
                Some(r) => Some(r),
                None => return fail("E0508", "the scope of `new … in` must be a resource", scope.span),
            },
            None => None,
        };
        let resource = self.add_resource(scope, &id, &class.qualified, expr.span)?;
        self.construct(resource, &class.qualified, args, expr.span)?;
        Ok(resource_value(resource))
    }

    pub(super) fn add_resource(&mut self, scope: Option<ResourceId>, id: &str, type_name: &str, span: Span) -> Eval<ResourceId> {
        self.app.tree.add(scope, id, type_name, span).map_err(|duplicate| {
            Flow::Error(
                Diagnostic::error(
                    "E0509",
                    format!("there is already a resource named `{}` in `{}`", duplicate.id, duplicate.scope),
                    span,
                )
                .with_label("this would get the same path")
                .with_note("every resource needs an id that is unique within its scope; the default id is the type name")
                .with_help(format!("give it its own id: `new {type_name}() as \"my{}\"`", duplicate.id))
                .into(),
            )
        })
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
                let ordering = match (&l, &r) {
                    (Value::Str(a), Value::Str(b)) => a.cmp(b),
                    (Value::Num(a) | Value::Duration(a), Value::Num(b) | Value::Duration(b)) => match a.partial_cmp(b) {
                        Some(o) => o,
                        None => return Ok(Value::Bool(false)),
                    },
                    _ => return fail("E0500", "internal error: bad comparison", span),
                };
                use std::cmp::Ordering::*;
                Ok(Value::Bool(match op {
                    BinaryOp::Less => ordering == Less,
                    BinaryOp::LessEq => ordering != Greater,
                    BinaryOp::Greater => ordering == Greater,
                    _ => ordering != Less,
                }))
            }
            _ => self.arith(op, l, r, span),
        }
    }

    fn arith(&mut self, op: BinaryOp, l: Value, r: Value, span: Span) -> Eval<Value> {
        if let (BinaryOp::Add, Value::Str(a), Value::Str(b)) = (op, &l, &r) {
            return Ok(Value::str(&format!("{a}{b}")));
        }
        let (Value::Num(a) | Value::Duration(a), Value::Num(b) | Value::Duration(b)) = (l, r) else {
            return fail("E0500", "internal error: arithmetic on non-numbers", span);
        };
        Ok(Value::Num(arithmetic(op, a, b)))
    }

    fn index(&mut self, object: Value, index: Value, span: Span) -> Eval<Value> {
        match (object, index) {
            (Value::Array(items), Value::Num(i)) => {
                let items = items.borrow();
                let len = items.len() as f64;
                let at = if i < 0.0 { len + i } else { i };
                if at < 0.0 || at >= len || at.fract() != 0.0 {
                    return fail(
                        "E0510",
                        format!(
                            "index {} is out of bounds for an array of length {}",
                            wing_abi::text::format_num(i),
                            items.len()
                        ),
                        span,
                    );
                }
                Ok(items[at as usize].clone())
            }
            (Value::Map(map), Value::Str(key)) => match map.borrow().get(&*key) {
                Some(v) => Ok(v.clone()),
                None => fail("E0511", format!("key \"{key}\" does not exist"), span),
            },
            _ => fail("E0500", "internal error: bad index", span),
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
