//! One function body: takes a closure's (or test's) statements with the
//! checker's tables, gives buffered Wasm instructions. Numbers are `f64`,
//! booleans `i32`, everything else an `i32` handle; values are boxed and
//! unboxed where a representation changes (a `num` passed as `num?`).

use super::module::{FunctionCode, ModuleBuilder, Op};
use crate::check::{ArgSlot, CallInfo, ExternRef, MemberRef, NameRef, Semantics, Type, TypeId, Types, VarId};
use crate::diagnostics::{Diagnostic, SourceMap};
use crate::preflight::FnBody;
use crate::syntax::ast::{
    Arg, AssignOp, BinaryOp, Block, Expr, ExprKind, InterpolationPart, NodeId, Span, Stmt, StmtKind, UnaryOp,
};
use std::collections::HashMap;
use wasm_encoder::{BlockType, Ieee64, Instruction as I, ValType};

/// A function waiting to be emitted (the handler or a nested closure).
pub(super) struct Pending<'a> {
    pub index: u32,
    pub node: NodeId,
    pub body: FnBody<'a>,
    pub name: String,
}

/// How a value of a type is held.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Repr {
    F64,
    Bool,
    Handle,
    Void,
}

impl Repr {
    /// The letter `wing.imports` writes for this representation.
    fn letter(self) -> char {
        match self {
            Repr::F64 => 'f',
            Repr::Bool => 'b',
            Repr::Handle => 'h',
            Repr::Void => 'v',
        }
    }

    fn valtype(self) -> Option<ValType> {
        match self {
            Repr::F64 => Some(ValType::F64),
            Repr::Bool | Repr::Handle => Some(ValType::I32),
            Repr::Void => None,
        }
    }
}

struct Loop {
    break_label: u32,
    continue_label: u32,
}

type Emit<T = ()> = Result<T, Box<Diagnostic>>;

pub(super) struct Emitter<'s, 'a> {
    sem: &'s Semantics,
    sources: &'s SourceMap,
    builder: &'s mut ModuleBuilder,
    slots: &'s HashMap<VarId, u32>,
    pending: &'s mut Vec<Pending<'a>>,
    ops: Vec<Op>,
    locals: Vec<ValType>,
    param_count: u32,
    var_locals: HashMap<VarId, u32>,
    captures: HashMap<VarId, u32>,
    depth: u32,
    loops: Vec<Loop>,
    result: TypeId,
}

impl<'s, 'a> Emitter<'s, 'a> {
    pub(super) fn new(
        sem: &'s Semantics,
        sources: &'s SourceMap,
        builder: &'s mut ModuleBuilder,
        slots: &'s HashMap<VarId, u32>,
        pending: &'s mut Vec<Pending<'a>>,
    ) -> Self {
        Emitter {
            sem,
            sources,
            builder,
            slots,
            pending,
            ops: Vec::new(),
            locals: Vec::new(),
            param_count: 0,
            var_locals: HashMap::new(),
            captures: HashMap::new(),
            depth: 0,
            loops: Vec::new(),
            result: Types::VOID,
        }
    }

    pub(super) fn emit_function(mut self, pending: &Pending<'a>) -> Emit<FunctionCode> {
        let info = self
            .sem
            .closures
            .get(pending.node)
            .cloned()
            .ok_or_else(|| Diagnostic::error("E0600", "internal error: closure was not checked", Span::default()))?;
        self.result = if info.result == Types::ERROR { Types::VOID } else { info.result };
        let mut params = vec![ValType::I32];
        for (i, var) in info.params.iter().enumerate() {
            self.var_locals.insert(*var, i as u32 + 1);
            params.extend(self.repr(self.sem.var(*var).ty).valtype());
        }
        self.param_count = params.len() as u32;
        for (k, var) in info.captures.iter().enumerate() {
            self.captures.insert(*var, k as u32);
        }
        let results: Vec<ValType> = self.repr(self.result).valtype().into_iter().collect();
        let type_index = self.builder.type_index(params, results);
        let body = match pending.body {
            FnBody::Closure(c) => &c.body,
            FnBody::Test(b) => b,
        };
        self.block_stmts(body)?;
        if let Some(valtype) = self.repr(self.result).valtype() {
            // Reached the end without `return`: nil for an optional result.
            self.push(match valtype {
                ValType::F64 => I::F64Const(Ieee64::from(0.0)),
                _ => I::I32Const(0),
            });
        }
        Ok(FunctionCode { name: pending.name.clone(), type_index, locals: self.locals, ops: self.ops })
    }

    fn push(&mut self, instruction: I<'static>) {
        self.ops.push(Op::Wasm(instruction));
    }

    fn repr(&self, ty: TypeId) -> Repr {
        match self.sem.types.get(ty) {
            Type::Num | Type::Duration => Repr::F64,
            Type::Bool => Repr::Bool,
            Type::Void => Repr::Void,
            _ => Repr::Handle,
        }
    }

    fn new_local(&mut self, valtype: ValType) -> u32 {
        self.locals.push(valtype);
        self.param_count + self.locals.len() as u32 - 1
    }

    fn std(&mut self, name: &str, params: &[ValType], results: &[ValType]) -> u32 {
        self.builder.import("wing:std", name, params.to_vec(), results.to_vec())
    }

    fn call_std(&mut self, name: &str, params: &[ValType], results: &[ValType]) {
        let index = self.std(name, params, results);
        self.ops.push(Op::CallImport(index));
    }

    /// Converts the value on the stack from `from`'s representation to `to`'s.
    fn convert(&mut self, from: Repr, to: Repr) {
        use ValType::{F64, I32};
        match (from, to) {
            (Repr::F64, Repr::Handle) => self.call_std("num.box", &[F64], &[I32]),
            (Repr::Bool, Repr::Handle) => self.call_std("bool.box", &[I32], &[I32]),
            (Repr::Handle, Repr::F64) => self.call_std("num.unbox", &[I32], &[F64]),
            (Repr::Handle, Repr::Bool) => self.call_std("bool.unbox", &[I32], &[I32]),
            _ => {}
        }
    }

    fn unsupported(&self, what: &str, span: Span) -> Box<Diagnostic> {
        Box::new(
            Diagnostic::error("E0900", format!("{what} in inflight code is not supported by this version of wingc yet"), span)
                .with_label("not supported yet"),
        )
    }

    fn open(&mut self, instruction: I<'static>) -> u32 {
        self.push(instruction);
        self.depth += 1;
        self.depth
    }

    fn close(&mut self) {
        self.push(I::End);
        self.depth -= 1;
    }

    fn branch_to(&self, label: u32) -> u32 {
        self.depth - label
    }

    fn block_stmts(&mut self, block: &'a Block) -> Emit {
        for stmt in &block.stmts {
            self.stmt(stmt)?;
        }
        Ok(())
    }

    fn mark(&mut self, span: Span) {
        let (line, col) = self.sources.line_col(span.file, span.start);
        self.ops.push(Op::Mark(line as u32, col as u32));
    }

    fn declare_local(&mut self, stmt: &Stmt) -> Emit<(u32, TypeId)> {
        let var = *self
            .sem
            .declared
            .get(stmt.id)
            .ok_or_else(|| Diagnostic::error("E0600", "internal error: unchecked declaration", stmt.span))?;
        let ty = self.sem.var(var).ty;
        let valtype = self.repr(ty).valtype().unwrap_or(ValType::I32);
        let local = self.new_local(valtype);
        self.var_locals.insert(var, local);
        Ok((local, ty))
    }

    fn stmt(&mut self, stmt: &'a Stmt) -> Emit {
        self.mark(stmt.span);
        match &stmt.kind {
            StmtKind::Let { value, .. } => {
                let (local, ty) = self.declare_local(stmt)?;
                self.expr_as(value, ty)?;
                self.push(I::LocalSet(local));
            }
            StmtKind::Assign { target, op, value } => self.assign(target, *op, value)?,
            StmtKind::Expr(expr) => {
                let repr = self.expr(expr)?;
                if repr != Repr::Void {
                    self.push(I::Drop);
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
                self.expr(value)?;
                self.push(I::LocalTee(temp));
                self.open(I::If(BlockType::Empty));
                let (local, ty) = self.declare_local(stmt)?;
                self.push(I::LocalGet(temp));
                self.convert(Repr::Handle, self.repr(ty));
                self.push(I::LocalSet(local));
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
                self.loops.push(Loop { break_label, continue_label });
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
                self.push(I::Br(self.branch_to(label)));
            }
            StmtKind::Return(value) => {
                if let Some(value) = value {
                    self.expr_as(value, self.result)?;
                } else if let Some(valtype) = self.repr(self.result).valtype() {
                    self.push(if valtype == ValType::F64 { I::F64Const(Ieee64::from(0.0)) } else { I::I32Const(0) });
                }
                self.push(I::Return);
            }
            StmtKind::Throw(value) => {
                self.expr_as(value, Types::STR)?;
                self.call_std("throw", &[ValType::I32], &[]);
                self.push(I::Unreachable);
            }
            StmtKind::Block(block) => self.block_stmts(block)?,
            StmtKind::Bring { .. } | StmtKind::Error => {}
            StmtKind::Try { .. } => return Err(self.unsupported("`try`", stmt.span)),
            _ => return Err(self.unsupported("this declaration", stmt.span)),
        }
        Ok(())
    }

    fn assign(&mut self, target: &'a Expr, op: AssignOp, value: &'a Expr) -> Emit {
        let Some(NameRef::Var(var)) = self.sem.names.get(target.id) else {
            return Err(self.unsupported("this assignment", target.span));
        };
        let Some(local) = self.var_locals.get(var).copied() else {
            return Err(self.unsupported("assigning a variable of an enclosing function", target.span));
        };
        let ty = self.sem.var(*var).ty;
        match op {
            AssignOp::Set => self.expr_as(value, ty)?,
            AssignOp::Add if ty == Types::STR => {
                self.push(I::LocalGet(local));
                self.expr_as(value, Types::STR)?;
                self.call_std("str.concat", &[ValType::I32, ValType::I32], &[ValType::I32]);
            }
            AssignOp::Add | AssignOp::Sub => {
                self.push(I::LocalGet(local));
                self.expr_as(value, Types::NUM)?;
                self.push(if op == AssignOp::Add { I::F64Add } else { I::F64Sub });
            }
        }
        self.push(I::LocalSet(local));
        Ok(())
    }

    fn for_loop(&mut self, stmt: &'a Stmt, iterable: &'a Expr, body: &'a Block) -> Emit {
        if let ExprKind::Range { start, end, inclusive } = &iterable.kind {
            return self.range_loop(stmt, start, end, *inclusive, body);
        }
        let (item, item_ty) = self.declare_local(stmt)?;
        let (array, index, length) = (self.new_local(ValType::I32), self.new_local(ValType::F64), self.new_local(ValType::F64));
        self.expr(iterable)?;
        self.push(I::LocalSet(array));
        self.push(I::LocalGet(array));
        self.call_std("Array.length", &[ValType::I32], &[ValType::F64]);
        self.push(I::LocalSet(length));
        self.counted_loop(index, length, false, None, |this| {
            this.push(I::LocalGet(array));
            this.push(I::LocalGet(index));
            this.call_std("Array.at", &[ValType::I32, ValType::F64], &[ValType::I32]);
            this.convert(Repr::Handle, this.repr(item_ty));
            this.push(I::LocalSet(item));
            this.block_stmts(body)
        })
    }

    fn range_loop(&mut self, stmt: &'a Stmt, start: &'a Expr, end: &'a Expr, inclusive: bool, body: &'a Block) -> Emit {
        let (item, _) = self.declare_local(stmt)?;
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
            this.push(I::LocalGet(index));
            this.push(I::LocalSet(item));
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
        if step.is_none() {
            self.push(I::F64Const(Ieee64::from(0.0)));
            self.push(I::LocalSet(index));
        }
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
        self.loops.push(Loop { break_label, continue_label });
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
    fn expr_as(&mut self, expr: &'a Expr, ty: TypeId) -> Emit {
        let from = self.expr(expr)?;
        self.convert(from, self.repr(ty));
        Ok(())
    }

    fn string_const(&mut self, text: &str) {
        let (ptr, len) = self.builder.string(text);
        self.push(I::I32Const(ptr as i32));
        self.push(I::I32Const(len as i32));
        self.call_std("str.const", &[ValType::I32, ValType::I32], &[ValType::I32]);
    }

    /// Emits `expr`; gives the representation it left on the stack.
    fn expr(&mut self, expr: &'a Expr) -> Emit<Repr> {
        let ty = self.sem.type_of(expr.id);
        let repr = self.repr(ty);
        match &expr.kind {
            ExprKind::Nil => self.push(I::I32Const(0)),
            ExprKind::Bool(b) => self.push(I::I32Const(i32::from(*b))),
            ExprKind::Num(n) | ExprKind::Duration(n) => self.push(I::F64Const(Ieee64::from(*n))),
            ExprKind::Str(s) => self.string_const(s),
            ExprKind::Interpolated(parts) => self.interpolation(parts)?,
            ExprKind::Ident(_) => return self.name(expr),
            ExprKind::Member { object, .. } => return self.member(expr, object),
            ExprKind::Call { callee, args } => return self.call(expr, callee, args),
            ExprKind::Index { object, index } => return self.index(expr, object, index),
            ExprKind::Unary { op, operand } => self.unary(*op, operand, ty)?,
            ExprKind::Binary { op, left, right } => self.binary(*op, left, right, ty)?,
            ExprKind::Closure(closure) => self.closure(expr, closure)?,
            ExprKind::ArrayLiteral { items, .. } => {
                let item_ty = match self.sem.types.get(ty) {
                    Type::Array(t) | Type::MutArray(t) => *t,
                    _ => Types::JSON,
                };
                let array = self.new_local(ValType::I32);
                self.push(I::I32Const(items.len() as i32));
                self.call_std("array.new", &[ValType::I32], &[ValType::I32]);
                self.push(I::LocalSet(array));
                for (i, item) in items.iter().enumerate() {
                    self.push(I::LocalGet(array));
                    self.push(I::I32Const(i as i32));
                    self.expr_as(item, item_ty)?;
                    let (name, valtype) = self.init_variant("array.init", item_ty);
                    self.call_std(&name, &[ValType::I32, ValType::I32, valtype], &[]);
                }
                self.push(I::LocalGet(array));
            }
            ExprKind::MapLiteral { entries, .. } => {
                let value_ty = match self.sem.types.get(ty) {
                    Type::Map(t) | Type::MutMap(t) => *t,
                    _ => Types::JSON,
                };
                let map = self.new_map()?;
                for (key, value) in entries {
                    self.push(I::LocalGet(map));
                    self.expr_as(key, Types::STR)?;
                    self.map_init(value, value_ty)?;
                }
                self.push(I::LocalGet(map));
            }
            ExprKind::JsonLiteral { fields, .. } | ExprKind::StructLiteral { fields, .. } => {
                let map = self.new_map()?;
                for (name, value) in fields {
                    self.push(I::LocalGet(map));
                    self.string_const(&name.name);
                    let value_ty = self.sem.type_of(value.id);
                    self.map_init(value, value_ty)?;
                }
                self.push(I::LocalGet(map));
            }
            ExprKind::JsonValue { value, .. } => {
                let from = self.expr(value)?;
                self.convert(from, Repr::Handle);
            }
            ExprKind::New { .. } => return Err(self.unsupported("`new`", expr.span)),
            ExprKind::Range { .. } | ExprKind::Intrinsic(_) | ExprKind::Error => {
                return Err(self.unsupported("this expression", expr.span));
            }
        }
        Ok(repr)
    }

    fn new_map(&mut self) -> Emit<u32> {
        let map = self.new_local(ValType::I32);
        self.call_std("map.new", &[], &[ValType::I32]);
        self.push(I::LocalSet(map));
        Ok(map)
    }

    /// With map and key on the stack: emits the value and `map.init*`.
    fn map_init(&mut self, value: &'a Expr, value_ty: TypeId) -> Emit {
        self.expr_as(value, value_ty)?;
        let (name, valtype) = self.init_variant("map.init", value_ty);
        self.call_std(&name, &[ValType::I32, ValType::I32, valtype], &[]);
        Ok(())
    }

    /// `array.init` / `array.init_num` / `array.init_bool` by element type.
    fn init_variant(&self, base: &str, ty: TypeId) -> (String, ValType) {
        match self.repr(ty) {
            Repr::F64 => (format!("{base}_num"), ValType::F64),
            Repr::Bool => (format!("{base}_bool"), ValType::I32),
            _ => (base.to_string(), ValType::I32),
        }
    }

    fn interpolation(&mut self, parts: &'a [InterpolationPart]) -> Emit {
        self.string_const("");
        for part in parts {
            match part {
                InterpolationPart::Text(text) => self.string_const(text),
                InterpolationPart::Expr(e) => {
                    let ty = self.sem.type_of(e.id);
                    match self.expr(e)? {
                        Repr::F64 => self.call_std("num.str", &[ValType::F64], &[ValType::I32]),
                        Repr::Bool => self.call_std("bool.str", &[ValType::I32], &[ValType::I32]),
                        _ if ty == Types::STR => {}
                        _ => self.call_std("value.str", &[ValType::I32], &[ValType::I32]),
                    }
                }
            }
            self.call_std("str.concat", &[ValType::I32, ValType::I32], &[ValType::I32]);
        }
        Ok(())
    }

    fn load_var(&mut self, var: VarId, span: Span) -> Emit<Repr> {
        let ty = self.sem.var(var).ty;
        let repr = self.repr(ty);
        if let Some(local) = self.var_locals.get(&var) {
            self.push(I::LocalGet(*local));
        } else if let Some(k) = self.captures.get(&var).copied() {
            let (name, valtype) = match repr {
                Repr::F64 => ("env.get_num", ValType::F64),
                Repr::Bool => ("env.get_bool", ValType::I32),
                _ => ("env.get", ValType::I32),
            };
            self.push(I::LocalGet(0));
            self.push(I::I32Const(k as i32));
            self.call_std(name, &[ValType::I32, ValType::I32], &[valtype]);
        } else if let Some(slot) = self.slots.get(&var) {
            self.push(I::I32Const(*slot as i32));
            self.convert(Repr::Handle, repr);
        } else {
            return Err(Diagnostic::error(
                "E0600",
                format!("internal error: `{}` is not reachable here", self.sem.var(var).name),
                span,
            )
            .into());
        }
        Ok(repr)
    }

    fn name(&mut self, expr: &'a Expr) -> Emit<Repr> {
        match self.sem.names.get(expr.id) {
            Some(NameRef::Var(var)) => self.load_var(*var, expr.span),
            _ => Err(self.unsupported("using a function as a value", expr.span)),
        }
    }

    fn member(&mut self, expr: &'a Expr, object: &'a Expr) -> Emit<Repr> {
        let result = self.sem.type_of(expr.id);
        match self.sem.members.get(expr.id) {
            Some(MemberRef::Extern { target, is_property: true }) => {
                let target = target.clone();
                self.extern_call(&target, Some(object), &[], None, result)
            }
            Some(MemberRef::StructField(name)) => {
                let name = name.clone();
                self.expr(object)?;
                self.string_const(&name);
                self.call_std("Json.tryGet", &[ValType::I32, ValType::I32], &[ValType::I32]);
                let repr = self.repr(result);
                self.convert(Repr::Handle, repr);
                Ok(repr)
            }
            _ => Err(self.unsupported("using a method as a value", expr.span)),
        }
    }

    fn call(&mut self, expr: &'a Expr, callee: &'a Expr, args: &'a [Arg]) -> Emit<Repr> {
        let result = self.sem.type_of(expr.id);
        let call =
            self.sem.calls.get(expr.id).ok_or_else(|| Diagnostic::error("E0600", "internal error: unchecked call", expr.span))?;
        let extern_target = match (&callee.kind, self.sem.members.get(callee.id), self.sem.names.get(callee.id)) {
            (ExprKind::Member { object, .. }, Some(MemberRef::Extern { target, is_property: false }), _) => {
                Some((target.clone(), target.has_receiver.then_some(&**object)))
            }
            (ExprKind::Ident(_), _, Some(NameRef::Extern(target))) => Some((target.clone(), None)),
            _ => None,
        };
        if let Some((target, receiver)) = extern_target {
            if target.module == "std" && target.name == "assert" {
                self.assert(args, expr.span)?;
                return Ok(Repr::Void);
            }
            return self.extern_call(&target, receiver, args, Some(call), result);
        }
        let Type::Function(signature) = self.sem.types.get(self.sem.type_of(callee.id)).clone() else {
            return Err(self.unsupported("this call", expr.span));
        };
        let closure = self.new_local(ValType::I32);
        self.expr(callee)?;
        self.push(I::LocalSet(closure));
        self.push(I::LocalGet(closure));
        self.call_std("closure.env", &[ValType::I32], &[ValType::I32]);
        let reprs: Vec<Repr> = signature.params.iter().map(|p| self.repr(*p)).collect();
        self.args(call, args, &reprs)?;
        self.push(I::LocalGet(closure));
        self.call_std("closure.func", &[ValType::I32], &[ValType::I32]);
        let mut params = vec![ValType::I32];
        params.extend(reprs.iter().filter_map(|r| r.valtype()));
        let results: Vec<ValType> = self.repr(signature.result).valtype().into_iter().collect();
        let type_index = self.builder.type_index(params, results);
        self.ops.push(Op::CallIndirect(type_index));
        Ok(self.repr(signature.result))
    }

    /// `assert(cond, message?)`: throws `assertion failed: <cond source>`
    /// (or the message); the host adds the location from the trace.
    fn assert(&mut self, args: &'a [Arg], span: Span) -> Emit {
        let Some(cond) = args.first() else {
            return Err(Diagnostic::error("E0600", "internal error: assert without a condition", span).into());
        };
        self.expr_as(&cond.value, Types::BOOL)?;
        self.push(I::I32Eqz);
        self.open(I::If(BlockType::Empty));
        match args.get(1) {
            Some(message) => {
                self.string_const("assertion failed: ");
                self.expr_as(&message.value, Types::STR)?;
                self.call_std("str.concat", &[ValType::I32, ValType::I32], &[ValType::I32]);
            }
            None => {
                let source = self.sources.snippet(cond.value.span).to_string();
                self.string_const(&format!("assertion failed: {source}"));
            }
        }
        self.call_std("throw", &[ValType::I32], &[]);
        self.close();
        Ok(())
    }

    /// How a declared stdlib parameter or result is passed: a type
    /// parameter is always a handle.
    fn declared_repr(&self, ty: TypeId) -> Repr {
        match self.sem.types.get(ty) {
            Type::Param(_) => Repr::Handle,
            _ => self.repr(ty),
        }
    }

    fn args(&mut self, call: &CallInfo, args: &'a [Arg], reprs: &[Repr]) -> Emit {
        for (slot, repr) in call.slots.iter().zip(reprs) {
            match slot {
                ArgSlot::Positional(i) => {
                    let from = self.expr(&args[*i].value)?;
                    self.convert(from, *repr);
                }
                ArgSlot::Missing => self.push(I::I32Const(0)),
                ArgSlot::Expanded { fields } => {
                    let map = self.new_map()?;
                    for (name, i) in fields {
                        self.push(I::LocalGet(map));
                        self.string_const(name);
                        let value = &args[*i].value;
                        self.map_init(value, self.sem.type_of(value.id))?;
                    }
                    self.push(I::LocalGet(map));
                }
            }
        }
        Ok(())
    }

    fn extern_call(
        &mut self,
        target: &ExternRef,
        receiver: Option<&'a Expr>,
        args: &'a [Arg],
        call: Option<&CallInfo>,
        result: TypeId,
    ) -> Emit<Repr> {
        let mut params = Vec::new();
        if let Some(receiver) = receiver {
            let from = self.expr(receiver)?;
            self.convert(from, Repr::Handle);
            params.push(ValType::I32);
        }
        let reprs: Vec<Repr> = target.declared.params.iter().map(|p| self.declared_repr(*p)).collect();
        if let Some(call) = call {
            self.args(call, args, &reprs)?;
        }
        params.extend(reprs.iter().filter_map(|r| r.valtype()));
        let declared_result = self.declared_repr(target.declared.result);
        let results: Vec<ValType> = declared_result.valtype().into_iter().collect();
        let module = format!("wing:{}", target.module);
        let index = self.builder.import(&module, &target.name, params, results);
        let mut signature: String = receiver.map(|_| 'h').into_iter().collect();
        signature.extend(reprs.iter().map(|r| r.letter()));
        signature.push('>');
        signature.push(declared_result.letter());
        self.builder.describe_import(&module, &target.name, signature);
        self.ops.push(Op::CallImport(index));
        let repr = self.repr(result);
        self.convert(declared_result, repr);
        Ok(repr)
    }

    fn index(&mut self, expr: &'a Expr, object: &'a Expr, index: &'a Expr) -> Emit<Repr> {
        let result = self.sem.type_of(expr.id);
        let (name, index_ty) = match self.sem.types.get(self.sem.type_of(object.id)) {
            Type::Array(_) | Type::MutArray(_) => ("Array.at", Types::NUM),
            Type::Map(_) | Type::MutMap(_) => ("Map.get", Types::STR),
            _ if self.sem.type_of(index.id) == Types::NUM => ("Json.getAt", Types::NUM),
            _ => ("Json.get", Types::STR),
        };
        self.expr(object)?;
        self.expr_as(index, index_ty)?;
        let index_valtype = self.repr(index_ty).valtype().unwrap_or(ValType::I32);
        self.call_std(name, &[ValType::I32, index_valtype], &[ValType::I32]);
        let repr = self.repr(result);
        self.convert(Repr::Handle, repr);
        Ok(repr)
    }

    fn unary(&mut self, op: UnaryOp, operand: &'a Expr, ty: TypeId) -> Emit {
        match op {
            UnaryOp::Neg => {
                self.expr_as(operand, Types::NUM)?;
                self.push(I::F64Neg);
            }
            UnaryOp::Not => {
                self.expr_as(operand, Types::BOOL)?;
                self.push(I::I32Eqz);
            }
            UnaryOp::IsSome => {
                let from = self.expr(operand)?;
                self.convert(from, Repr::Handle);
                self.push(I::I32Const(0));
                self.push(I::I32Ne);
            }
            UnaryOp::Unwrap => {
                let temp = self.new_local(ValType::I32);
                let from = self.expr(operand)?;
                self.convert(from, Repr::Handle);
                self.push(I::LocalTee(temp));
                self.push(I::I32Eqz);
                self.open(I::If(BlockType::Empty));
                self.string_const("unexpected nil: `!` was used on a value that is nil");
                self.call_std("throw", &[ValType::I32], &[]);
                self.close();
                self.push(I::LocalGet(temp));
                self.convert(Repr::Handle, self.repr(ty));
            }
        }
        Ok(())
    }

    fn binary(&mut self, op: BinaryOp, left: &'a Expr, right: &'a Expr, ty: TypeId) -> Emit {
        let left_ty = self.sem.type_of(left.id);
        match op {
            BinaryOp::And | BinaryOp::Or => {
                self.expr_as(left, Types::BOOL)?;
                self.open(I::If(BlockType::Result(ValType::I32)));
                if op == BinaryOp::And {
                    self.expr_as(right, Types::BOOL)?;
                    self.push(I::Else);
                    self.push(I::I32Const(0));
                } else {
                    self.push(I::I32Const(1));
                    self.push(I::Else);
                    self.expr_as(right, Types::BOOL)?;
                }
                self.close();
            }
            BinaryOp::Coalesce => {
                let temp = self.new_local(ValType::I32);
                let from = self.expr(left)?;
                self.convert(from, Repr::Handle);
                self.push(I::LocalTee(temp));
                let result_valtype = self.repr(ty).valtype().unwrap_or(ValType::I32);
                self.open(I::If(BlockType::Result(result_valtype)));
                self.push(I::LocalGet(temp));
                self.convert(Repr::Handle, self.repr(ty));
                self.push(I::Else);
                self.expr_as(right, ty)?;
                self.close();
            }
            BinaryOp::Eq | BinaryOp::NotEq => {
                let right_ty = self.sem.type_of(right.id);
                match (self.repr(left_ty), self.repr(right_ty)) {
                    (Repr::F64, Repr::F64) => {
                        self.expr(left)?;
                        self.expr(right)?;
                        self.push(I::F64Eq);
                    }
                    (Repr::Bool, Repr::Bool) => {
                        self.expr(left)?;
                        self.expr(right)?;
                        self.push(I::I32Eq);
                    }
                    (l, r) => {
                        self.expr(left)?;
                        self.convert(l, Repr::Handle);
                        self.expr(right)?;
                        self.convert(r, Repr::Handle);
                        self.call_std("value.eq", &[ValType::I32, ValType::I32], &[ValType::I32]);
                    }
                }
                if op == BinaryOp::NotEq {
                    self.push(I::I32Eqz);
                }
            }
            BinaryOp::Add if left_ty == Types::STR => {
                self.expr(left)?;
                self.expr(right)?;
                self.call_std("str.concat", &[ValType::I32, ValType::I32], &[ValType::I32]);
            }
            BinaryOp::Less | BinaryOp::LessEq | BinaryOp::Greater | BinaryOp::GreaterEq => {
                if left_ty == Types::STR {
                    self.expr(left)?;
                    self.expr(right)?;
                    self.call_std("str.cmp", &[ValType::I32, ValType::I32], &[ValType::F64]);
                    self.push(I::F64Const(Ieee64::from(0.0)));
                } else {
                    self.expr_as(left, Types::NUM)?;
                    self.expr_as(right, Types::NUM)?;
                }
                self.push(match op {
                    BinaryOp::Less => I::F64Lt,
                    BinaryOp::LessEq => I::F64Le,
                    BinaryOp::Greater => I::F64Gt,
                    _ => I::F64Ge,
                });
            }
            _ => self.arithmetic(op, left, right)?,
        }
        Ok(())
    }

    fn arithmetic(&mut self, op: BinaryOp, left: &'a Expr, right: &'a Expr) -> Emit {
        self.expr_as(left, Types::NUM)?;
        self.expr_as(right, Types::NUM)?;
        match op {
            BinaryOp::Add => self.push(I::F64Add),
            BinaryOp::Sub => self.push(I::F64Sub),
            BinaryOp::Mul => self.push(I::F64Mul),
            BinaryOp::Div => self.push(I::F64Div),
            BinaryOp::FloorDiv => {
                // Wing's `\` truncates towards zero: `-7 \ 2 == -3`.
                self.push(I::F64Div);
                self.push(I::F64Trunc);
            }
            BinaryOp::Mod => {
                // a - b * trunc(a / b), with the dividend's sign like JavaScript.
                let (a, b) = (self.new_local(ValType::F64), self.new_local(ValType::F64));
                self.push(I::LocalSet(b));
                self.push(I::LocalTee(a));
                self.push(I::LocalGet(b));
                self.push(I::LocalGet(a));
                self.push(I::LocalGet(b));
                self.push(I::F64Div);
                self.push(I::F64Trunc);
                self.push(I::F64Mul);
                self.push(I::F64Sub);
            }
            _ => self.call_std("num.pow", &[ValType::F64, ValType::F64], &[ValType::F64]),
        }
        Ok(())
    }

    fn closure(&mut self, expr: &'a Expr, closure: &'a crate::syntax::ast::Closure) -> Emit {
        let info = self
            .sem
            .closures
            .get(expr.id)
            .ok_or_else(|| Diagnostic::error("E0600", "internal error: unchecked closure", expr.span))?;
        let index = self.builder.reserve_function();
        let (line, _) = self.sources.line_col(expr.span.file, expr.span.start);
        self.pending.push(Pending {
            index,
            node: expr.id,
            body: FnBody::Closure(closure),
            name: format!("closure at line {line}"),
        });
        if info.captures.is_empty() {
            self.push(I::I32Const(index as i32));
            self.push(I::I32Const(0));
        } else {
            let env = self.new_local(ValType::I32);
            self.push(I::I32Const(info.captures.len() as i32));
            self.call_std("env.new", &[ValType::I32], &[ValType::I32]);
            self.push(I::LocalSet(env));
            for (k, var) in info.captures.clone().into_iter().enumerate() {
                self.push(I::LocalGet(env));
                self.push(I::I32Const(k as i32));
                let repr = self.load_var(var, expr.span)?;
                let (name, valtype) = match repr {
                    Repr::F64 => ("env.set_num", ValType::F64),
                    Repr::Bool => ("env.set_bool", ValType::I32),
                    _ => ("env.set", ValType::I32),
                };
                self.call_std(name, &[ValType::I32, ValType::I32, valtype], &[]);
            }
            self.push(I::I32Const(index as i32));
            self.push(I::LocalGet(env));
        }
        self.call_std("closure.new", &[ValType::I32, ValType::I32], &[ValType::I32]);
        Ok(())
    }
}
