//! The tree-walking interpreter for preflight code: takes statements with
//! the checker's tables, runs them, and fills the app. Expressions are in
//! `expr.rs`, user classes in `classes.rs`.

use super::env::Env;
use super::tree::ResourceId;
use super::value::{ClosureValue, FnBody, FunctionValue, Ref, RefKind, Value};
use super::{App, TestDecl};
use crate::check::{Semantics, TypeRef, VarId};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{AssignOp, BinaryOp, Block, Expr, ExprKind, Module, Phase, Span, Stmt, StmtKind};
use crate::syntax::index::DeclIndex;
use std::rc::Rc;

/// Why evaluation left a statement early.
pub(super) enum Flow {
    Return(Value),
    Break,
    Continue,
    /// A Wing error a `try` can catch.
    Throw {
        message: String,
        span: Span,
    },
    /// Evaluation cannot go on.
    Error(Box<Diagnostic>),
}

pub(super) type Eval<T> = Result<T, Flow>;

pub(super) fn fail<T>(code: &'static str, message: impl Into<String>, span: Span) -> Eval<T> {
    Err(Flow::Error(Box::new(Diagnostic::error(code, message, span))))
}

/// Raises a Wing error.
pub(super) fn throw<T>(message: impl Into<String>, span: Span) -> Eval<T> {
    Err(Flow::Throw { message: message.into(), span })
}

/// Preflight code may not run forever: this many loop iterations in total
/// end evaluation with an error.
const STEP_LIMIT: u64 = 50_000_000;

/// How deep preflight calls may nest.
const MAX_DEPTH: usize = 2000;

pub(super) struct Evaluator<'a> {
    pub(super) sem: &'a Semantics,
    pub(super) index: &'a DeclIndex<'a>,
    pub(super) app: App<'a>,
    /// The tree node new resources go under (the object whose constructor
    /// is running); empty at the top level.
    pub(super) scopes: Vec<ResourceId>,
    steps: u64,
    depth: usize,
}

impl<'a> Evaluator<'a> {
    pub(super) fn new(sem: &'a Semantics, index: &'a DeclIndex<'a>, input: super::Program<'_>) -> Evaluator<'a> {
        // A bare file name's directory is `""`: the working directory.
        let dir = input.dir.map(|d| {
            let d = if d.as_os_str().is_empty() { std::path::Path::new(".") } else { d };
            std::path::absolute(d).unwrap_or_else(|_| d.to_path_buf())
        });
        let file_name = match &dir {
            Some(dir) => dir.join(input.name).to_string_lossy().into_owned(),
            None => input.name.to_string(),
        };
        let app = App {
            file_name,
            dir_name: dir.map_or(String::new(), |d| d.to_string_lossy().into_owned()),
            target: input.target.to_string(),
            workdir: input.workdir.to_string_lossy().into_owned(),
            ..App::default()
        };
        Evaluator { sem, index, app, scopes: Vec::new(), steps: 0, depth: 0 }
    }

    pub(super) fn into_app(self) -> App<'a> {
        self.app
    }

    pub(super) fn run(&mut self, program: &'a Module) -> Result<(), Box<Diagnostic>> {
        let env = Rc::new(Env::default());
        match self.exec_stmts(&program.stmts, &env) {
            Ok(()) | Err(Flow::Return(_) | Flow::Break | Flow::Continue) => Ok(()),
            Err(Flow::Throw { message, span }) => Err(Box::new(
                Diagnostic::error("E0502", format!("preflight code threw an error: {message}"), span)
                    .with_label("thrown here")
                    .with_note("preflight code runs when the app is compiled; an uncaught error stops the compilation"),
            )),
            Err(Flow::Error(diagnostic)) => Err(diagnostic),
        }
    }

    /// Runs a statement list. Classes are hoisted, as the checker hoists
    /// types: a class can be instantiated above its declaration.
    pub(super) fn exec_stmts(&mut self, stmts: &'a [Stmt], env: &Rc<Env>) -> Eval<()> {
        for stmt in stmts {
            if let (StmtKind::Class(_), Some(TypeRef::Class(id))) = (&stmt.kind, self.sem.declarations.get(stmt.id)) {
                self.app.class_envs.insert(*id, env.clone());
            }
        }
        for stmt in stmts {
            self.exec(stmt, env)?;
        }
        Ok(())
    }

    pub(super) fn exec_block(&mut self, block: &'a Block, env: &Rc<Env>) -> Eval<()> {
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
            StmtKind::Bring { .. }
            | StmtKind::Error
            | StmtKind::Class(_)
            | StmtKind::Interface(_)
            | StmtKind::Struct(_)
            | StmtKind::Enum(_)
            | StmtKind::ExternFunction(_)
            | StmtKind::ExternConstant { .. } => {}
            StmtKind::Let { value, .. } => {
                let value = self.eval(value, env)?;
                env.define(self.declared(stmt)?, value);
            }
            StmtKind::Assign { target, op, value } => self.exec_assign(target, *op, value, stmt.span, env)?,
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
                if value.is_nil() {
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
                return throw(message, stmt.span);
            }
            StmtKind::Try { body, catch, finally } => self.exec_try(stmt, body, catch.as_ref(), finally.as_ref(), env)?,
            StmtKind::Block(block) | StmtKind::Lift { body: block, .. } => self.exec_block(block, env)?,
            StmtKind::Test { name, body, .. } => {
                let closure = Rc::new(ClosureValue {
                    node: stmt.id,
                    body: FnBody::Test(body),
                    phase: Phase::Inflight,
                    env: env.clone(),
                    used_as: None,
                });
                self.app.tests.push(TestDecl { name: name.clone(), closure, span: stmt.span });
            }
        }
        Ok(())
    }

    fn exec_try(
        &mut self,
        stmt: &'a Stmt,
        body: &'a Block,
        catch: Option<&'a crate::syntax::ast::CatchClause>,
        finally: Option<&'a Block>,
        env: &Rc<Env>,
    ) -> Eval<()> {
        let mut outcome = self.exec_block(body, env);
        if let (Err(Flow::Throw { message, .. }), Some(catch)) = (&outcome, catch) {
            let scope = Env::child(env);
            if let Some(var) = self.sem.declared.get(stmt.id) {
                scope.define(*var, Value::str(message));
            }
            outcome = self.exec_block(&catch.body, &scope);
        }
        if let Some(finally) = finally {
            self.exec_block(finally, env)?;
        }
        outcome
    }

    fn exec_assign(&mut self, target: &'a Expr, op: AssignOp, value: &'a Expr, span: Span, env: &Rc<Env>) -> Eval<()> {
        let new = self.eval(value, env)?;
        let combine = |this: &mut Self, old: Value, new: Value| match op {
            AssignOp::Set => Ok(new),
            AssignOp::Add => this.arith(BinaryOp::Add, old, new, span),
            AssignOp::Sub => this.arith(BinaryOp::Sub, old, new, span),
        };
        match &target.kind {
            ExprKind::Ident(_) => {
                let Some(crate::check::NameRef::Var(var)) = self.sem.names.get(target.id) else {
                    return fail("E0500", "internal error: assignment to an unresolved name", target.span);
                };
                let old = env.get(*var).unwrap_or_default();
                let new = combine(self, old, new)?;
                env.set(*var, new);
            }
            ExprKind::Member { object, name, .. }
                if matches!(self.sem.members.get(target.id), Some(crate::check::MemberRef::Extern { .. })) =>
            {
                // Only `extern var` node properties can be assigned (the
                // checker said so), always with `=`.
                let object = self.eval(object, env)?;
                self.set_node_member(&object, &name.name, new, target.span)?;
            }
            ExprKind::Member { object, name, .. } => {
                let object = self.eval(object, env)?;
                let old = self.read_field(&object, &name.name);
                let new = combine(self, old, new)?;
                self.write_field(&object, &name.name, new, target.span)?;
            }
            ExprKind::Index { object: collection, index } => {
                let (object, index) = (self.eval(collection, env)?, self.eval(index, env)?);
                let old = match op {
                    AssignOp::Set => Value::Nil,
                    _ => self.index(object.clone(), index.clone(), self.sem.type_of(collection.id), target.span)?,
                };
                let new = combine(self, old, new)?;
                self.write_index(&object, &index, new, target.span)?;
            }
            _ => return fail("E0500", "internal error: unsupported assignment target", target.span),
        }
        Ok(())
    }

    fn write_index(&mut self, object: &Value, index: &Value, value: Value, span: Span) -> Eval<()> {
        match (object, index) {
            (Value::Array(items), Value::Num(i)) => {
                let mut items = items.borrow_mut();
                match wing_std::ops::index_in(wing_std::ops::from_end(*i, items.len()), items.len()) {
                    Ok(i) => {
                        items[i] = value;
                        Ok(())
                    }
                    Err(e) => throw(e.0, span),
                }
            }
            (Value::Map(entries), Value::Str(key)) => {
                wing_std::value::insert_property(&mut entries.borrow_mut(), key, value);
                Ok(())
            }
            _ => fail("E0500", "internal error: bad element assignment", span),
        }
    }

    pub(super) fn step(&mut self, span: Span) -> Eval<()> {
        self.steps += 1;
        if self.steps > STEP_LIMIT {
            return fail("E0503", "preflight code ran too long (is there an endless loop?)", span);
        }
        Ok(())
    }

    /// Enters a call; fails past the recursion limit.
    pub(super) fn enter(&mut self, span: Span) -> Eval<()> {
        self.depth += 1;
        if self.depth > MAX_DEPTH {
            self.depth -= 1;
            let d = Diagnostic::error("E0507", "preflight recursion is too deep", span)
                .with_label(format!("this call is {MAX_DEPTH} calls deep"))
                .with_help("recursion in preflight code must end; check its base case");
            return Err(Flow::Error(Box::new(d)));
        }
        Ok(())
    }

    pub(super) fn leave(&mut self) {
        self.depth -= 1;
    }

    fn exec_for(&mut self, stmt: &'a Stmt, iterable: &'a Expr, body: &'a Block, env: &Rc<Env>) -> Eval<()> {
        let var = self.declared(stmt)?;
        let items: Vec<Value> = match &iterable.kind {
            ExprKind::Range { start, end, inclusive } => {
                let (start, end) = (self.num(start, env)?, self.num(end, env)?);
                let mut items = Vec::new();
                let step = if end >= start { 1.0 } else { -1.0 };
                let mut i = start;
                while (i - end) * step < 0.0 || (*inclusive && i == end) {
                    self.step(stmt.span)?;
                    items.push(Value::Num(i));
                    i += step;
                }
                items
            }
            _ => match &self.eval(iterable, env)? {
                Value::Array(items) | Value::Set(items) => items.borrow().clone(),
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

    pub(super) fn truthy(&mut self, expr: &'a Expr, env: &Rc<Env>) -> Eval<bool> {
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

    /// A new function value.
    pub(super) fn function_value(&mut self, function: FunctionValue<'a>) -> Value {
        self.app.functions.push(function);
        Value::Ref(Ref { kind: RefKind::Function, id: self.app.functions.len() as u32 - 1 })
    }

    /// Runs a closure's body with its arguments.
    pub(super) fn call_closure(&mut self, closure: &ClosureValue<'a>, args: Vec<Value>, span: Span) -> Eval<Value> {
        let (FnBody::Closure(code), Some(info)) = (closure.body, self.sem.closures.get(closure.node)) else {
            return fail("E0500", "internal error: call of unchecked code", span);
        };
        let frame = Env::child(&closure.env);
        for (var, value) in info.params.iter().zip(args) {
            frame.define(*var, value);
        }
        self.run_body(&code.body.stmts, &frame, span)
    }

    /// Runs a function body in its frame; gives what it returns.
    pub(super) fn run_body(&mut self, stmts: &'a [Stmt], frame: &Rc<Env>, span: Span) -> Eval<Value> {
        self.enter(span)?;
        let result = self.exec_stmts(stmts, frame);
        self.leave();
        match result {
            Ok(()) => Ok(Value::Nil),
            Err(Flow::Return(value)) => Ok(value),
            Err(Flow::Break | Flow::Continue) => fail("E0500", "internal error: loop control outside a loop", span),
            Err(error) => Err(error),
        }
    }
}
