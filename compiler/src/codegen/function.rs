//! One function body: takes a closure's, test's or method's statements
//! with the checker's tables, gives buffered Wasm instructions. Numbers are
//! `f64`, booleans `i32`, everything else an `i32` handle; values are boxed
//! and unboxed where a representation changes (a `num` passed as `num?`).
//!
//! A variable lives in a local, in the environment of a closure that
//! captured it (`env.get`), or in a lift slot. A reassignable variable
//! captured by a nested closure lives in a box (a one-element environment)
//! so every function sees its assignments.

use super::module::{FunctionCode, Op};
use super::{Bundle, FnKind, Pending, Result};
use crate::check::{Semantics, Type, TypeId, Types, VarId};
use crate::diagnostics::Diagnostic;
use crate::preflight::env::Env;
use crate::syntax::ast::{AssignOp, Block, CatchClause, Expr, ExprKind, NodeId, Span, Stmt, StmtKind};
use std::collections::{HashMap, HashSet};
use std::rc::Rc;
use wasm_encoder::{BlockType, Catch, Ieee64, Instruction as I, ValType};

/// A change of representation: a `wing:std` call (name, parameter,
/// result), or dropping the value.
#[derive(Debug, Clone, Copy)]
pub(super) enum Conversion {
    Std(&'static str, ValType, ValType),
    Drop,
}

/// How a value of a type is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum Repr {
    F64,
    Bool,
    Handle,
    Void,
}

impl Repr {
    pub fn of(sem: &Semantics, ty: TypeId) -> Repr {
        match sem.types.get(ty) {
            Type::Num | Type::Duration => Repr::F64,
            Type::Bool => Repr::Bool,
            Type::Void => Repr::Void,
            _ => Repr::Handle,
        }
    }

    /// What converts a value held as `self` to `to`.
    pub fn conversion(self, to: Repr) -> Option<Conversion> {
        use ValType::{F64, I32};
        Some(match (self, to) {
            (Repr::F64, Repr::Handle) => Conversion::Std("num.box", F64, I32),
            (Repr::Bool, Repr::Handle) => Conversion::Std("bool.box", I32, I32),
            (Repr::Handle, Repr::F64) => Conversion::Std("num.unbox", I32, F64),
            (Repr::Handle, Repr::Bool) => Conversion::Std("bool.unbox", I32, I32),
            (Repr::F64 | Repr::Bool | Repr::Handle, Repr::Void) => Conversion::Drop,
            _ => return None,
        })
    }

    /// The letter `wing.imports` writes for this representation.
    pub fn letter(self) -> char {
        match self {
            Repr::F64 => 'f',
            Repr::Bool => 'b',
            Repr::Handle => 'h',
            Repr::Void => 'v',
        }
    }

    pub fn valtype(self) -> Option<ValType> {
        match self {
            Repr::F64 => Some(ValType::F64),
            Repr::Bool | Repr::Handle => Some(ValType::I32),
            Repr::Void => None,
        }
    }
}

pub(super) struct Loop {
    pub break_label: u32,
    pub continue_label: u32,
    /// `finally` blocks open when the loop started.
    pub finallies: usize,
}

pub(super) type Emit<T = ()> = Result<T>;

pub(super) struct Emitter<'b, 's, 'a> {
    pub b: &'b mut Bundle<'s, 'a>,
    pub sem: &'s Semantics,
    pub lift_root: NodeId,
    pub lift_env: Rc<Env>,
    pub ops: Vec<Op>,
    locals: Vec<ValType>,
    param_count: u32,
    var_locals: HashMap<VarId, u32>,
    captures: HashMap<VarId, u32>,
    /// In a method of a class declared in inflight code: the object field
    /// holding the environment its captures live in (see
    /// `Bundle::class_captures`); in a closure they are in parameter 0.
    env_field: Option<u32>,
    depth: u32,
    pub loops: Vec<Loop>,
    /// Enclosing `finally` blocks, innermost last: run before leaving them.
    finallies: Vec<&'a Block>,
    result: TypeId,
    /// `str` variables `s = s + x` grows in place (see `append.rs`).
    appendable: HashSet<VarId>,
    /// Variables that own their value (see `owned.rs`).
    owners: HashSet<VarId>,
    /// The closures of this function whose calls give fresh handles.
    fresh_closures: HashSet<VarId>,
    /// The locals of those variables, dropped when the function returns.
    owned_locals: Vec<u32>,
    /// The locals of the other appendable variables, whose builder slot
    /// is released when the function returns.
    builder_locals: Vec<u32>,
    /// Locals holding fresh operands of the host call being emitted,
    /// dropped after it (see [`Self::operand`]).
    temps: Vec<u32>,
    /// Locals of dropped operands, free to hold the next ones: each holds
    /// `nil`, so that an error can drop them all (see
    /// [`Self::drop_pending_temps`]).
    spare_temps: Vec<u32>,
    /// Every local made to hold operands, held or spare.
    all_temps: Vec<u32>,
}

impl<'b, 's, 'a> Emitter<'b, 's, 'a> {
    pub(super) fn new(b: &'b mut Bundle<'s, 'a>, pending: &Pending<'a>) -> Result<Self> {
        let sem = b.sem;
        Ok(Emitter {
            b,
            sem,
            lift_root: pending.lift_root,
            lift_env: pending.lift_env.clone(),
            ops: Vec::new(),
            locals: Vec::new(),
            param_count: 0,
            var_locals: HashMap::new(),
            captures: HashMap::new(),
            env_field: None,
            depth: 0,
            loops: Vec::new(),
            finallies: Vec::new(),
            result: Types::VOID,
            appendable: HashSet::new(),
            owners: HashSet::new(),
            fresh_closures: HashSet::new(),
            owned_locals: Vec::new(),
            builder_locals: Vec::new(),
            temps: Vec::new(),
            spare_temps: Vec::new(),
            all_temps: Vec::new(),
        })
    }

    pub(super) fn emit(mut self, pending: &Pending<'a>) -> Emit<FunctionCode> {
        let info = self
            .sem
            .closures
            .get(pending.node)
            .cloned()
            .ok_or_else(|| internal("a function was not checked", pending.body.span))?;
        self.result = if info.result == Types::ERROR { Types::VOID } else { info.result };
        let handed_only = super::append::handed_only(self.sem, pending.body);
        self.appendable = super::append::appendable(self.sem, &handed_only);
        self.fresh_closures = super::owned::fresh_closures(self.sem, pending.body, self.b.fresh_methods);
        self.owners = super::owned::owners(self.sem, pending.body, &handed_only, self.fresh_calls());
        let mut params = vec![ValType::I32];
        if pending.kind == FnKind::Method {
            if let Some(this) = info.this_var {
                self.var_locals.insert(this, 0);
            }
            if !info.captures.is_empty() {
                self.method_captures(pending)?;
            }
        }
        for (i, var) in info.params.iter().enumerate() {
            self.var_locals.insert(*var, i as u32 + 1);
            params.extend(self.repr(self.sem.var(*var).ty).valtype());
        }
        self.param_count = params.len() as u32;
        if pending.kind == FnKind::Closure {
            for (k, var) in info.captures.iter().enumerate() {
                self.captures.insert(*var, k as u32);
            }
            if let Some(this) = info.this_var {
                self.lifted_this(this);
            }
        }
        for var in &info.params {
            if self.sem.var(*var).boxed {
                self.box_in_place(*var);
            }
        }
        let results: Vec<ValType> = self.repr(self.result).valtype().into_iter().collect();
        let type_index = self.b.builder.type_index(params, results);
        self.body_dropping_on_error(pending.body)?;
        Ok(FunctionCode { name: pending.name.clone(), type_index, locals: self.locals, ops: self.ops })
    }

    /// After the last statement: drops what the owning variables hold and
    /// gives the result type's zero (a body that ends without `return`).
    fn end_body(&mut self) {
        self.drop_owned_locals();
        if let Some(valtype) = self.repr(self.result).valtype() {
            self.push(zero(valtype));
        }
    }

    /// The body of a function, in a `try_table` that catches any error
    /// leaving it, drops what its owning variables and pending operands
    /// hold and throws the error on: a function that fails in a loop's
    /// every other call leaks nothing. An owning variable holds `nil` or a
    /// value it alone owns at every point an error can be raised (its old
    /// value is dropped only once the new one is made), so the drops are
    /// safe wherever the error came from. A body with nothing to drop is
    /// left as it is: the two blocks are put around it once it is known.
    fn body_dropping_on_error(&mut self, body: &'a Block) -> Emit {
        let start = self.ops.len();
        self.depth += 2;
        self.block_stmts(body)?;
        if self.owned_locals.is_empty() && self.builder_locals.is_empty() && self.all_temps.is_empty() {
            self.depth -= 2;
            self.end_body();
            return Ok(());
        }
        // The error goes to the block just outside the `try_table`.
        let catch = vec![Catch::AllRef { label: 0 }].into();
        let wrap = [I::Block(BlockType::Result(ValType::EXNREF)), I::TryTable(BlockType::Empty, catch)];
        self.ops.splice(start..start, wrap.map(Op::Wasm));
        self.close();
        self.end_body();
        self.push(I::Return);
        self.close();
        let exception = self.new_local(ValType::EXNREF);
        self.push(I::LocalSet(exception));
        self.drop_owned_locals();
        self.drop_pending_temps();
        self.push(I::LocalGet(exception));
        self.push(I::ThrowRef);
        Ok(())
    }

    /// A method body compiled as a handler's entry (a closure-class
    /// object's `handle`): `this` is the object, lifted into a slot.
    fn lifted_this(&mut self, this: VarId) {
        let env = self.lift_env.clone();
        let slot = self.b.slot(self.lift_root, &env, this);
        let local = self.new_local(ValType::I32);
        self.push(I::I32Const(slot as i32));
        self.push(I::LocalSet(local));
        self.var_locals.insert(this, local);
    }

    /// A method that reads variables of the inflight code around its
    /// class finds them in the environment its object was created with.
    fn method_captures(&mut self, pending: &Pending<'a>) -> Emit {
        let this = self.sem.closures.get(pending.node).and_then(|info| info.this_var);
        let class = this.and_then(|this| match self.sem.types.get(self.sem.var(this).ty) {
            crate::check::Type::Class(class) => Some(*class),
            _ => None,
        });
        let Some(class) = class.filter(|c| !self.sem.classes.iter().any(|other| other.parent == Some(*c))) else {
            return Err(Diagnostic::error(
                "E0900",
                "a method of an extended class that uses variables of the inflight code around it is not supported by this version of wingc yet",
                pending.body.span,
            )
            .with_help("pass the values to the constructor and keep them in fields")
            .into());
        };
        let (field, captured) = self.b.class_captures(class);
        self.env_field = Some(field);
        for (k, var) in captured.iter().enumerate() {
            self.captures.insert(*var, k as u32);
        }
        Ok(())
    }

    pub(super) fn push(&mut self, instruction: I<'static>) {
        self.ops.push(Op::Wasm(instruction));
    }

    pub(super) fn repr(&self, ty: TypeId) -> Repr {
        Repr::of(self.sem, ty)
    }

    pub(super) fn new_local(&mut self, valtype: ValType) -> u32 {
        self.locals.push(valtype);
        self.param_count + self.locals.len() as u32 - 1
    }

    /// Calls a `wing:std` import (a core intrinsic or a std member).
    pub(super) fn call_std(&mut self, name: &str, params: &[ValType], results: &[ValType]) {
        let index = self.b.builder.import("wing:std", name, params.to_vec(), results.to_vec());
        self.ops.push(Op::CallImport(index));
    }

    /// Converts the value on the stack from `from`'s representation to `to`'s.
    pub(super) fn convert(&mut self, from: Repr, to: Repr) {
        match from.conversion(to) {
            Some(Conversion::Std(name, param, result)) => self.call_std(name, &[param], &[result]),
            Some(Conversion::Drop) => self.push(I::Drop),
            None => {}
        }
    }

    pub(super) fn unsupported(&self, what: &str, span: Span) -> Box<Diagnostic> {
        Box::new(
            Diagnostic::error("E0900", format!("{what} in inflight code is not supported by this version of wingc yet"), span)
                .with_label("not supported yet"),
        )
    }

    pub(super) fn open(&mut self, instruction: I<'static>) -> u32 {
        self.push(instruction);
        self.depth += 1;
        self.depth
    }

    pub(super) fn close(&mut self) {
        self.push(I::End);
        self.depth -= 1;
    }

    pub(super) fn branch_to(&self, label: u32) -> u32 {
        self.depth - label
    }

    pub(super) fn block_stmts(&mut self, block: &'a Block) -> Emit {
        for stmt in &block.stmts {
            self.stmt(stmt)?;
        }
        Ok(())
    }

    fn mark(&mut self, span: Span) {
        let (line, col) = self.b.sources.line_col(span.file, span.start);
        self.ops.push(Op::Mark(line as u32, col as u32));
    }

    /// A new local for the variable a statement declares.
    fn declare_local(&mut self, stmt: &Stmt) -> Emit<(VarId, TypeId)> {
        let var = *self.sem.declared.get(stmt.id).ok_or_else(|| internal("an unchecked declaration", stmt.span))?;
        let ty = self.sem.var(var).ty;
        let valtype = if self.sem.var(var).boxed { ValType::I32 } else { self.repr(ty).valtype().unwrap_or(ValType::I32) };
        let local = self.new_local(valtype);
        self.var_locals.insert(var, local);
        if self.owners.contains(&var) {
            self.owned_locals.push(local);
        } else if self.appendable.contains(&var) {
            self.builder_locals.push(local);
        }
        if self.sem.var(var).boxed {
            self.push(I::I32Const(1));
            self.call_std("env.new", &[ValType::I32], &[ValType::I32]);
            self.push(I::LocalSet(local));
        }
        Ok((var, ty))
    }

    /// Moves a parameter that must be boxed into a box in its own local.
    fn box_in_place(&mut self, var: VarId) {
        let Some(local) = self.var_locals.get(&var).copied() else { return };
        let repr = self.repr(self.sem.var(var).ty);
        let boxed = self.new_local(ValType::I32);
        self.push(I::I32Const(1));
        self.call_std("env.new", &[ValType::I32], &[ValType::I32]);
        self.push(I::LocalTee(boxed));
        self.push(I::I32Const(0));
        self.push(I::LocalGet(local));
        self.call_env_set(repr);
        self.var_locals.insert(var, boxed);
    }

    fn call_env_set(&mut self, repr: Repr) {
        let (name, valtype) = match repr {
            Repr::F64 => ("env.set_num", ValType::F64),
            Repr::Bool => ("env.set_bool", ValType::I32),
            _ => ("env.set", ValType::I32),
        };
        self.call_std(name, &[ValType::I32, ValType::I32, valtype], &[]);
    }

    fn call_env_get(&mut self, repr: Repr) {
        let (name, valtype) = match repr {
            Repr::F64 => ("env.get_num", ValType::F64),
            Repr::Bool => ("env.get_bool", ValType::I32),
            _ => ("env.get", ValType::I32),
        };
        self.call_std(name, &[ValType::I32, ValType::I32], &[valtype]);
    }

    /// Pushes where a variable is stored: its value, or its box when boxed.
    pub(super) fn load_storage(&mut self, var: VarId, span: Span) -> Emit<Repr> {
        let info = self.sem.var(var);
        let repr = if info.boxed { Repr::Handle } else { self.repr(info.ty) };
        if let Some(local) = self.var_locals.get(&var) {
            self.push(I::LocalGet(*local));
        } else if let Some(k) = self.captures.get(&var).copied() {
            self.push(I::LocalGet(0));
            let mark = self.temps_mark();
            if let Some(field) = self.env_field {
                // The environment is read out of the object: a fresh handle.
                self.push(I::I32Const(field as i32));
                self.call_std("object.get", &[ValType::I32, ValType::I32], &[ValType::I32]);
                self.hold_temp();
            }
            self.push(I::I32Const(k as i32));
            self.call_env_get(repr);
            self.drop_temps(mark);
        } else if info.phase != crate::syntax::ast::Phase::Inflight {
            let env = self.lift_env.clone();
            let slot = self.b.slot(self.lift_root, &env, var);
            self.push(I::I32Const(slot as i32));
            // A slot holding nil is not handle 0, which is how code tests
            // for nil: ask the host.
            if self.sem.types.is_optional(info.ty) {
                self.call_std("value.some", &[ValType::I32], &[ValType::I32]);
            }
            self.convert(Repr::Handle, repr);
        } else {
            return Err(internal(&format!("`{}` is not reachable here", info.name), span));
        }
        Ok(repr)
    }

    /// Whether this function holds an inflight variable of the code
    /// around it (as a local or a capture).
    pub(super) fn reaches(&self, var: VarId) -> bool {
        self.var_locals.contains_key(&var) || self.captures.contains_key(&var)
    }

    /// Pushes a variable's value.
    pub(super) fn load_var(&mut self, var: VarId, span: Span) -> Emit<Repr> {
        let storage = self.load_storage(var, span)?;
        let info = self.sem.var(var);
        if !info.boxed {
            return Ok(storage);
        }
        let repr = self.repr(info.ty);
        let mark = self.temps_mark();
        self.hold_captured_box(var);
        self.push(I::I32Const(0));
        self.call_env_get(repr);
        self.drop_temps(mark);
        Ok(repr)
    }

    /// With the box of `var` on the stack: a box read out of a closure's
    /// environment is a fresh handle, kept to be dropped once used.
    fn hold_captured_box(&mut self, var: VarId) {
        if self.captures.contains_key(&var) {
            self.hold_temp();
        }
    }

    /// Whether `expr` gives a handle made for it alone (see `owned.rs`):
    /// also a variable of the code around a closure, read out of its
    /// environment.
    pub(super) fn is_fresh(&self, expr: &Expr) -> bool {
        let captured = match self.sem.names.get(expr.id) {
            Some(crate::check::NameRef::Var(var)) => self.captures.contains_key(var),
            _ => false,
        };
        (captured && matches!(expr.kind, ExprKind::Ident(_)) && self.repr(self.sem.type_of(expr.id)) == Repr::Handle)
            || super::owned::fresh(self.sem, self.fresh_calls(), expr)
    }

    /// The compiled functions whose calls give fresh handles here.
    fn fresh_calls(&self) -> super::owned::FreshCalls<'_> {
        super::owned::FreshCalls { closures: &self.fresh_closures, methods: self.b.fresh_methods }
    }

    /// Stores into a variable the value `value` pushes.
    fn store_var(&mut self, var: VarId, span: Span, value: impl FnOnce(&mut Self) -> Emit) -> Emit {
        if self.sem.var(var).boxed {
            self.load_storage(var, span)?;
            let mark = self.temps_mark();
            self.hold_captured_box(var);
            self.push(I::I32Const(0));
            value(self)?;
            let repr = self.repr(self.sem.var(var).ty);
            self.call_env_set(repr);
            self.drop_temps(mark);
            return Ok(());
        }
        let Some(local) = self.var_locals.get(&var).copied() else {
            return Err(internal(&format!("`{}` cannot be assigned here", self.sem.var(var).name), span));
        };
        value(self)?;
        self.push(I::LocalSet(local));
        Ok(())
    }

    fn stmt(&mut self, stmt: &'a Stmt) -> Emit {
        self.mark(stmt.span);
        match &stmt.kind {
            StmtKind::Let { value, .. } => {
                let (var, ty) = self.declare_local(stmt)?;
                self.store_var(var, stmt.span, |this| {
                    this.expr_as(value, ty)?;
                    // Run again (in a loop), the declaration drops what
                    // the last run made.
                    this.release_old(var);
                    Ok(())
                })?;
            }
            StmtKind::Assign { target, op, value } => self.assign(target, *op, value, stmt.span)?,
            StmtKind::Expr(expr) => {
                let repr = self.expr(expr)?;
                if repr == Repr::Handle && self.is_fresh(expr) {
                    self.call_std("value.drop", &[ValType::I32], &[]);
                } else {
                    self.convert(repr, Repr::Void);
                }
            }
            StmtKind::If { cond, then, otherwise } => {
                self.expr_as(cond, Types::BOOL)?;
                self.open(I::If(BlockType::Empty));
                self.block_stmts(then)?;
                if let Some(otherwise) = otherwise {
                    self.push(I::Else);
                    self.block_stmts(otherwise)?;
                }
                self.close();
            }
            StmtKind::IfLet { value, then, otherwise, .. } => {
                let temp = self.new_local(ValType::I32);
                let from = self.expr(value)?;
                self.convert(from, Repr::Handle);
                self.push(I::LocalTee(temp));
                self.open(I::If(BlockType::Empty));
                let (var, ty) = self.declare_local(stmt)?;
                let repr = self.repr(ty);
                self.store_var(var, stmt.span, |this| {
                    this.push(I::LocalGet(temp));
                    this.convert(Repr::Handle, repr);
                    this.release_old(var);
                    Ok(())
                })?;
                self.block_stmts(then)?;
                if let Some(otherwise) = otherwise {
                    self.push(I::Else);
                    self.block_stmts(otherwise)?;
                }
                self.close();
            }
            StmtKind::For { iterable, body, .. } => self.for_loop(stmt, iterable, body)?,
            StmtKind::While { cond, body } => {
                let break_label = self.open(I::Block(BlockType::Empty));
                let top = self.open(I::Loop(BlockType::Empty));
                self.expr_as(cond, Types::BOOL)?;
                self.push(I::I32Eqz);
                self.push(I::BrIf(self.branch_to(break_label)));
                let continue_label = self.open(I::Block(BlockType::Empty));
                self.loops.push(Loop { break_label, continue_label, finallies: self.finallies.len() });
                self.block_stmts(body)?;
                self.loops.pop();
                self.close();
                self.push(I::Br(self.branch_to(top)));
                self.close();
                self.close();
            }
            StmtKind::Break | StmtKind::Continue => {
                let Some(current) = self.loops.last() else {
                    return Err(Diagnostic::error("E0105", "`break` outside of a loop", stmt.span).into());
                };
                let label = if matches!(stmt.kind, StmtKind::Break) { current.break_label } else { current.continue_label };
                let keep = current.finallies;
                self.run_finallies(keep)?;
                self.push(I::Br(self.branch_to(label)));
            }
            StmtKind::Return(value) => {
                if let Some(value) = value {
                    self.expr_as(value, self.result)?;
                } else if let Some(valtype) = self.repr(self.result).valtype() {
                    self.push(zero(valtype));
                }
                if !self.finallies.is_empty() {
                    let saved = self.repr(self.result).valtype().map(|v| self.new_local(v));
                    if let Some(saved) = saved {
                        self.push(I::LocalSet(saved));
                    }
                    self.run_finallies(0)?;
                    if let Some(saved) = saved {
                        self.push(I::LocalGet(saved));
                    }
                }
                self.drop_owned_locals();
                self.push(I::Return);
            }
            StmtKind::Throw(value) => {
                let mark = self.temps_mark();
                self.expr_as(value, Types::STR)?;
                if self.is_fresh(value) {
                    self.hold_temp();
                }
                self.call_std("throw", &[ValType::I32], &[]);
                self.push(I::Unreachable);
                // Where the error is caught, the message is dropped with
                // the other operands of calls that did not finish.
                let held = self.temps.split_off(mark);
                self.spare_temps.extend(held);
            }
            StmtKind::Try { body, catch, finally } => self.try_stmt(stmt, body, catch.as_ref(), finally.as_ref())?,
            StmtKind::Block(block) => self.block_stmts(block)?,
            StmtKind::Lift { qualifications, body } => {
                // Each qualified object is lifted (with the methods the
                // qualification grants), even if the body only reaches it
                // through other values.
                for qualification in qualifications {
                    let repr = self.expr(&qualification.target)?;
                    self.convert(repr, Repr::Void);
                }
                self.block_stmts(body)?;
            }
            StmtKind::Bring { .. }
            | StmtKind::Error
            | StmtKind::Class(_)
            | StmtKind::Interface(_)
            | StmtKind::Struct(_)
            | StmtKind::Enum(_)
            | StmtKind::ExternFunction(_)
            | StmtKind::ExternConstant { .. }
            | StmtKind::Test { .. } => {}
        }
        Ok(())
    }

    /// Emits the `finally` blocks above the first `keep`, innermost first
    /// (before a `return`, `break` or `continue` leaves them).
    fn run_finallies(&mut self, keep: usize) -> Emit {
        let blocks: Vec<&'a Block> = self.finallies[keep..].iter().rev().copied().collect();
        let saved = std::mem::take(&mut self.finallies);
        self.finallies = saved[..keep].to_vec();
        for block in blocks {
            self.block_stmts(block)?;
        }
        self.finallies = saved;
        Ok(())
    }

    /// `try { } catch e { } finally { }` with Wasm exceptions: Wing errors
    /// travel as the module's `error` tag (payload: the message handle).
    fn try_stmt(&mut self, stmt: &'a Stmt, body: &'a Block, catch: Option<&'a CatchClause>, finally: Option<&'a Block>) -> Emit {
        let Some(finally) = finally else {
            return self.try_catch(stmt, body, catch);
        };
        let exception = self.new_local(ValType::EXNREF);
        let after = self.open(I::Block(BlockType::Empty));
        let thrown = self.open(I::Block(BlockType::Result(ValType::EXNREF)));
        self.finallies.push(finally);
        let label = self.branch_to(thrown);
        self.open(I::TryTable(BlockType::Empty, vec![Catch::AllRef { label }].into()));
        self.try_catch(stmt, body, catch)?;
        self.close();
        self.finallies.pop();
        self.block_stmts(finally)?;
        self.push(I::Br(self.branch_to(after)));
        self.close();
        self.push(I::LocalSet(exception));
        self.drop_pending_temps();
        self.block_stmts(finally)?;
        self.push(I::LocalGet(exception));
        self.push(I::ThrowRef);
        self.close();
        Ok(())
    }

    fn try_catch(&mut self, stmt: &'a Stmt, body: &'a Block, catch: Option<&'a CatchClause>) -> Emit {
        let Some(catch) = catch else {
            return self.block_stmts(body);
        };
        let done = self.open(I::Block(BlockType::Empty));
        let caught = self.open(I::Block(BlockType::Result(ValType::I32)));
        let label = self.branch_to(caught);
        self.open(I::TryTable(BlockType::Empty, vec![Catch::One { tag: 0, label }].into()));
        self.block_stmts(body)?;
        self.close();
        self.push(I::Br(self.branch_to(done)));
        self.close();
        self.drop_pending_temps();
        match self.sem.declared.get(stmt.id).copied() {
            Some(var) => {
                let local = self.new_local(ValType::I32);
                if self.owners.contains(&var) {
                    // The message the catch got last time (in a loop).
                    self.push(I::LocalGet(local));
                    self.call_std("value.drop", &[ValType::I32], &[]);
                    self.owned_locals.push(local);
                }
                self.push(I::LocalSet(local));
                let storage = if self.sem.var(var).boxed { self.new_local(ValType::I32) } else { local };
                self.var_locals.insert(var, storage);
                if storage != local {
                    self.push(I::I32Const(1));
                    self.call_std("env.new", &[ValType::I32], &[ValType::I32]);
                    self.push(I::LocalTee(storage));
                    self.push(I::I32Const(0));
                    self.push(I::LocalGet(local));
                    self.call_env_set(Repr::Handle);
                }
            }
            // The message is a handle the host made for this error alone.
            None => self.call_std("value.drop", &[ValType::I32], &[]),
        }
        self.block_stmts(&catch.body)?;
        self.close();
        Ok(())
    }

    fn assign(&mut self, target: &'a Expr, op: AssignOp, value: &'a Expr, span: Span) -> Emit {
        let ty = self.sem.type_of(target.id);
        match &target.kind {
            ExprKind::Ident(_) => {
                let Some(crate::check::NameRef::Var(var)) = self.sem.names.get(target.id) else {
                    return Err(internal("an assignment to an unresolved name", target.span));
                };
                let var = *var;
                if let Some(local) = self.builder_local(var) {
                    let pieces = match (op, super::append::append_chain(self.sem, value)) {
                        (AssignOp::Add, _) => Some(vec![value]),
                        // `s = s + a + s`: the second append would read
                        // the first one's result as `s`.
                        (AssignOp::Set, Some((base, pieces)))
                            if base == var && (pieces.len() == 1 || !pieces.iter().any(|p| self.reads_var(p, var))) =>
                        {
                            Some(pieces)
                        }
                        _ => None,
                    };
                    if let Some(pieces) = pieces {
                        return self.append(local, &pieces);
                    }
                }
                self.store_var(var, span, |this| {
                    this.combined(op, ty, value, |this| this.load_var(var, span).map(|_| ()))?;
                    this.release_old(var);
                    Ok(())
                })
            }
            ExprKind::Member { object, .. } => self.assign_member(target, object, op, value, ty),
            ExprKind::Index { object, index } => self.assign_index(object, index, op, value, ty),
            _ => Err(self.unsupported("this assignment", target.span)),
        }
    }

    /// Whether `expr` is a read of `var` itself (its very handle).
    fn reads_var(&self, expr: &Expr, var: VarId) -> bool {
        matches!(self.sem.names.get(expr.id), Some(crate::check::NameRef::Var(v)) if *v == var)
            && matches!(expr.kind, ExprKind::Ident(_))
    }

    /// The local of a variable `s = s + x` grows in place.
    fn builder_local(&self, var: VarId) -> Option<u32> {
        if !self.appendable.contains(&var) || self.sem.var(var).boxed {
            return None;
        }
        self.var_locals.get(&var).copied()
    }

    /// With the new value of `var` on the stack, about to be stored: drops
    /// the old value if `var` owns it (`value.drop`), or gives back the
    /// builder slot it may be (`str.release`).
    fn release_old(&mut self, var: VarId) {
        let Some(local) = self.var_locals.get(&var).copied().filter(|_| !self.sem.var(var).boxed) else { return };
        if self.owners.contains(&var) {
            self.push(I::LocalGet(local));
            self.call_std("value.drop", &[ValType::I32], &[]);
        } else if self.builder_local(var).is_some() {
            self.push(I::LocalGet(local));
            self.call_std("str.release", &[ValType::I32], &[]);
        }
    }

    /// Before the function returns: drops the values its owning variables
    /// hold (a local never stored into holds `nil`) and frees the builders
    /// of its other appendable ones.
    fn drop_owned_locals(&mut self) {
        for local in self.owned_locals.clone() {
            self.push(I::LocalGet(local));
            self.call_std("value.drop", &[ValType::I32], &[]);
        }
        for local in self.builder_locals.clone() {
            self.push(I::LocalGet(local));
            self.call_std("str.release", &[ValType::I32], &[]);
        }
    }

    /// Pushes `expr` converted to `repr` as an operand of a host call, which
    /// copies what it keeps: a fresh handle is also kept in a local, to be
    /// dropped by [`Self::drop_temps`] once the call is made.
    pub(super) fn operand(&mut self, expr: &'a Expr, repr: Repr) -> Emit {
        let from = self.expr(expr)?;
        self.convert(from, repr);
        if from == Repr::Handle && repr == Repr::Handle && self.is_fresh(expr) {
            self.hold_temp();
        }
        Ok(())
    }

    /// Where the operands of the host call about to be emitted start (for
    /// [`Self::drop_temps`]).
    pub(super) fn temps_mark(&self) -> usize {
        self.temps.len()
    }

    /// Keeps the fresh handle on the stack in a local, for
    /// [`Self::drop_temps`].
    pub(super) fn hold_temp(&mut self) {
        let temp = self.spare_temp();
        self.push(I::LocalTee(temp));
        self.temps.push(temp);
    }

    /// A local to hold an operand: a spare one, or a new one.
    fn spare_temp(&mut self) -> u32 {
        self.spare_temps.pop().unwrap_or_else(|| {
            let temp = self.new_local(ValType::I32);
            self.all_temps.push(temp);
            temp
        })
    }

    /// After an error: drops the operands of the host calls that did not
    /// finish (the one that raised, and any it was an operand of). Every
    /// other operand local holds `nil`.
    fn drop_pending_temps(&mut self) {
        for temp in self.all_temps.clone() {
            self.drop_and_clear(temp);
        }
    }

    /// Drops the handle in `local` and leaves `nil` there, so that
    /// nothing drops it again.
    fn drop_and_clear(&mut self, local: u32) {
        self.push(I::LocalGet(local));
        self.call_std("value.drop", &[ValType::I32], &[]);
        self.push(I::I32Const(0));
        self.push(I::LocalSet(local));
    }

    /// After a host call: drops the fresh operands kept since `mark` (the
    /// length of `temps` before its operands were pushed).
    pub(super) fn drop_temps(&mut self, mark: usize) {
        self.drop_temps_but(mark, None);
    }

    /// After a call of a compiled function, its result on the stack: drops
    /// the fresh arguments kept since `mark` as [`Self::drop_temps`] does,
    /// but not one the function gave back as its result (a compiled
    /// function keeps a handle nowhere else: whatever it stores, the host
    /// copies).
    pub(super) fn drop_guest_temps(&mut self, mark: usize, result: Repr) {
        if result != Repr::Handle || self.temps.len() == mark {
            return self.drop_temps(mark);
        }
        let given_back = self.spare_temp();
        self.push(I::LocalSet(given_back));
        self.drop_temps_but(mark, Some(given_back));
        self.push(I::LocalGet(given_back));
        self.push(I::I32Const(0));
        self.push(I::LocalSet(given_back));
        self.spare_temps.push(given_back);
    }

    /// Drops the temporaries kept since `mark`, each unless it is the
    /// handle in the local `given_back`.
    fn drop_temps_but(&mut self, mark: usize, given_back: Option<u32>) {
        for temp in self.temps.split_off(mark) {
            if let Some(given_back) = given_back {
                self.push(I::LocalGet(temp));
                self.push(I::LocalGet(given_back));
                self.push(I::I32Ne);
                self.open(I::If(BlockType::Empty));
            }
            self.push(I::LocalGet(temp));
            self.call_std("value.drop", &[ValType::I32], &[]);
            if given_back.is_some() {
                self.close();
            }
            self.push(I::I32Const(0));
            self.push(I::LocalSet(temp));
            self.spare_temps.push(temp);
        }
    }

    /// Converts a fresh handle on the stack (a host call's result) to a
    /// number or bool and frees its slot in the same host call
    /// (`num.take`, `bool.take`); any other conversion as [`Self::convert`].
    pub(super) fn convert_fresh(&mut self, from: Repr, to: Repr) {
        match (from, to) {
            (Repr::Handle, Repr::F64) => self.call_std("num.take", &[ValType::I32], &[ValType::F64]),
            (Repr::Handle, Repr::Bool) => self.call_std("bool.take", &[ValType::I32], &[ValType::I32]),
            _ => self.convert(from, to),
        }
    }

    /// `s = s + a + b`: the pieces are computed first, in order (so they
    /// read the old `s`, and one that throws leaves `s` as it was), then
    /// appended in place with `str.append`.
    fn append(&mut self, local: u32, pieces: &[&'a Expr]) -> Emit {
        let mut held = Vec::new();
        let mark = self.temps_mark();
        if let [piece] = pieces {
            self.push(I::LocalGet(local));
            self.operand(piece, Repr::Handle)?;
        } else {
            for piece in pieces {
                self.operand(piece, Repr::Handle)?;
                let temp = self.new_local(ValType::I32);
                self.push(I::LocalSet(temp));
                held.push(temp);
            }
            self.push(I::LocalGet(local));
        }
        for (i, temp) in held.iter().enumerate() {
            if i > 0 {
                self.call_std("str.append", &[ValType::I32, ValType::I32], &[ValType::I32]);
            }
            self.push(I::LocalGet(*temp));
        }
        self.call_std("str.append", &[ValType::I32, ValType::I32], &[ValType::I32]);
        self.drop_temps(mark);
        if self.owned_locals.contains(&local) {
            // A first append makes a new builder: the old string is dropped.
            let appended = self.new_local(ValType::I32);
            self.push(I::LocalTee(appended));
            self.push(I::LocalGet(local));
            self.push(I::I32Ne);
            self.open(I::If(BlockType::Empty));
            self.push(I::LocalGet(local));
            self.call_std("value.drop", &[ValType::I32], &[]);
            self.close();
            self.push(I::LocalGet(appended));
        }
        self.push(I::LocalSet(local));
        Ok(())
    }

    /// The value of `target op= value`: `value` for `=`, else the old value
    /// (pushed by `old`) combined with it.
    pub(super) fn combined(&mut self, op: AssignOp, ty: TypeId, value: &'a Expr, old: impl FnOnce(&mut Self) -> Emit) -> Emit {
        match op {
            AssignOp::Set => self.expr_as(value, ty),
            AssignOp::Add if ty == Types::STR => {
                old(self)?;
                self.expr_as(value, Types::STR)?;
                self.call_std("str.concat", &[ValType::I32, ValType::I32], &[ValType::I32]);
                Ok(())
            }
            AssignOp::Add | AssignOp::Sub => {
                old(self)?;
                self.expr_as(value, Types::NUM)?;
                self.push(if op == AssignOp::Add { I::F64Add } else { I::F64Sub });
                Ok(())
            }
        }
    }

    fn for_loop(&mut self, stmt: &'a Stmt, iterable: &'a Expr, body: &'a Block) -> Emit {
        if let ExprKind::Range { start, end, inclusive } = &iterable.kind {
            return self.range_loop(stmt, start, end, *inclusive, body);
        }
        let (var, item_ty) = self.declare_local(stmt)?;
        let (array, index, length) = (self.new_local(ValType::I32), self.new_local(ValType::F64), self.new_local(ValType::F64));
        self.expr(iterable)?;
        self.push(I::LocalSet(array));
        // A list made for the loop (`m.keys()`) is dropped when it ends,
        // or when a `return` or an error leaves the function first.
        let made_for_loop = self.is_fresh(iterable);
        if made_for_loop {
            self.owned_locals.push(array);
        }
        self.push(I::LocalGet(array));
        self.call_std("Array.length", &[ValType::I32], &[ValType::F64]);
        self.push(I::LocalSet(length));
        self.push(I::F64Const(Ieee64::from(0.0)));
        self.push(I::LocalSet(index));
        let item_repr = self.repr(item_ty);
        self.counted_loop(index, length, false, None, |this| {
            this.store_var(var, stmt.span, |this| {
                this.push(I::LocalGet(array));
                this.push(I::LocalGet(index));
                if item_repr == Repr::F64 {
                    // Numbers cross unboxed (see `extern_import`).
                    this.b.builder.describe_import("wing:std", "Array.at@hf>f", "hf>f".to_string());
                    this.call_std("Array.at@hf>f", &[ValType::I32, ValType::F64], &[ValType::F64]);
                } else {
                    this.call_std("Array.at", &[ValType::I32, ValType::F64], &[ValType::I32]);
                    this.convert_fresh(Repr::Handle, item_repr);
                }
                this.release_old(var);
                Ok(())
            })?;
            this.block_stmts(body)
        })?;
        if made_for_loop {
            self.drop_and_clear(array);
        }
        Ok(())
    }

    fn range_loop(&mut self, stmt: &'a Stmt, start: &'a Expr, end: &'a Expr, inclusive: bool, body: &'a Block) -> Emit {
        let (var, _) = self.declare_local(stmt)?;
        let (index, limit, step) = (self.new_local(ValType::F64), self.new_local(ValType::F64), self.new_local(ValType::F64));
        self.expr_as(start, Types::NUM)?;
        self.push(I::LocalSet(index));
        self.expr_as(end, Types::NUM)?;
        self.push(I::LocalSet(limit));
        // step = limit >= index ? 1 : -1
        self.push(I::F64Const(Ieee64::from(1.0)));
        self.push(I::F64Const(Ieee64::from(-1.0)));
        self.push(I::LocalGet(limit));
        self.push(I::LocalGet(index));
        self.push(I::F64Ge);
        self.push(I::Select);
        self.push(I::LocalSet(step));
        self.counted_loop(index, limit, inclusive, Some(step), |this| {
            this.store_var(var, stmt.span, |this| {
                this.push(I::LocalGet(index));
                Ok(())
            })?;
            this.block_stmts(body)
        })
    }

    /// `while index (<|<=) limit` (or `>`/`>=` going down when `step` is
    /// negative) run `body`, then `index += step` (1 without a step local).
    fn counted_loop(
        &mut self,
        index: u32,
        limit: u32,
        inclusive: bool,
        step: Option<u32>,
        body: impl FnOnce(&mut Self) -> Emit,
    ) -> Emit {
        let break_label = self.open(I::Block(BlockType::Empty));
        let top = self.open(I::Loop(BlockType::Empty));
        // Condition: (index - limit) * sign  (<|<=) 0
        self.push(I::LocalGet(index));
        self.push(I::LocalGet(limit));
        self.push(I::F64Sub);
        if let Some(step) = step {
            self.push(I::LocalGet(step));
            self.push(I::F64Mul);
        }
        self.push(I::F64Const(Ieee64::from(0.0)));
        self.push(if inclusive { I::F64Le } else { I::F64Lt });
        self.push(I::I32Eqz);
        self.push(I::BrIf(self.branch_to(break_label)));
        let continue_label = self.open(I::Block(BlockType::Empty));
        self.loops.push(Loop { break_label, continue_label, finallies: self.finallies.len() });
        body(self)?;
        self.loops.pop();
        self.close();
        self.push(I::LocalGet(index));
        match step {
            Some(step) => self.push(I::LocalGet(step)),
            None => self.push(I::F64Const(Ieee64::from(1.0))),
        }
        self.push(I::F64Add);
        self.push(I::LocalSet(index));
        self.push(I::Br(self.branch_to(top)));
        self.close();
        self.close();
        Ok(())
    }

    /// Emits `expr` converted to the representation of `ty`.
    pub(super) fn expr_as(&mut self, expr: &'a Expr, ty: TypeId) -> Emit {
        let from = self.expr(expr)?;
        self.convert(from, self.repr(ty));
        Ok(())
    }

    /// A string constant: `str.const` the first time, then the handle it
    /// gave, kept in a global (one host call per constant and instance).
    pub(super) fn string_const(&mut self, text: &str) {
        let (ptr, len) = self.b.builder.string(text);
        let global = self.b.builder.string_global((ptr, len));
        self.push(I::GlobalGet(global));
        self.push(I::I32Eqz);
        self.open(I::If(BlockType::Empty));
        self.push(I::I32Const(ptr as i32));
        self.push(I::I32Const(len as i32));
        self.call_std("str.const", &[ValType::I32, ValType::I32], &[ValType::I32]);
        self.push(I::GlobalSet(global));
        self.close();
        self.push(I::GlobalGet(global));
    }
}

/// The zero value of a Wasm type (what a function gives when its body
/// ends without `return`: `nil` for a handle).
pub(super) fn zero(valtype: ValType) -> I<'static> {
    match valtype {
        ValType::F64 => I::F64Const(Ieee64::from(0.0)),
        _ => I::I32Const(0),
    }
}

pub(super) fn internal(what: &str, span: Span) -> Box<Diagnostic> {
    Box::new(Diagnostic::error("E0600", format!("internal error: {what}"), span))
}
