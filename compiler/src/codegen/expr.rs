//! Expressions: takes an expression, gives instructions that leave its
//! value on the stack in its type's representation. Calls, methods and
//! `new` are in `calls.rs`.

use super::function::{Emit, Emitter, Repr, internal};
use crate::check::{MemberRef, NameRef, Type, TypeId, Types};
use crate::syntax::ast::{AssignOp, BinaryOp, Expr, ExprKind, InterpolationPart, UnaryOp};
use wasm_encoder::{BlockType, Ieee64, Instruction as I, ValType};

impl<'a> Emitter<'_, '_, 'a> {
    /// Emits `expr`; gives the representation it left on the stack.
    /// Pushes an expression's value, adapted to the function type the
    /// checker recorded it is used as, if any.
    pub(super) fn expr(&mut self, expr: &'a Expr) -> Emit<Repr> {
        let repr = self.expr_value(expr)?;
        if let Some(&used_as) = self.sem.coercions.get(expr.id) {
            self.adapt_function(self.sem.type_of(expr.id), used_as)?;
        }
        Ok(repr)
    }

    fn expr_value(&mut self, expr: &'a Expr) -> Emit<Repr> {
        let ty = self.sem.type_of(expr.id);
        let repr = self.repr(ty);
        match &expr.kind {
            ExprKind::Nil => self.push(I::I32Const(0)),
            ExprKind::Bool(b) => self.push(I::I32Const(i32::from(*b))),
            ExprKind::Num(n) | ExprKind::Duration(n) => self.push(I::F64Const(Ieee64::from(*n))),
            ExprKind::Str(s) => self.string_const(s),
            ExprKind::Interpolated(parts) => self.interpolation(parts)?,
            ExprKind::Ident(_) => return self.name(expr),
            ExprKind::Member { object, optional, .. } => return self.member(expr, object, *optional),
            ExprKind::Call { callee, args } => return self.call(expr, callee, args),
            ExprKind::Index { object, index } => return self.index(expr, object, index),
            ExprKind::Unary { op, operand } => self.unary(*op, operand, ty)?,
            ExprKind::Binary { op, left, right } => self.binary(*op, left, right, ty)?,
            ExprKind::Closure(closure) => self.closure(expr, closure)?,
            ExprKind::New { .. } => return self.new_object(expr),
            ExprKind::ArrayLiteral { items, .. } => self.array_literal(ty, items)?,
            ExprKind::MapLiteral { entries, .. } => {
                let value_ty = match self.sem.types.get(ty) {
                    Type::Map(t) | Type::MutMap(t) => *t,
                    _ => Types::JSON,
                };
                let map = self.new_map();
                for (key, value) in entries {
                    self.push(I::LocalGet(map));
                    self.expr_as(key, Types::STR)?;
                    self.map_init(value, value_ty)?;
                }
                self.push(I::LocalGet(map));
            }
            ExprKind::JsonLiteral { fields, .. } | ExprKind::StructLiteral { fields, .. } => {
                let map = self.new_map();
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
            ExprKind::Intrinsic(name) => {
                let text = match name.name.as_str() {
                    "filename" => self.b.app.file_name.clone(),
                    "dirname" => self.b.app.dir_name.clone(),
                    "target" => self.b.app.target.clone(),
                    _ => return Err(internal("`@app` in inflight code", name.span)),
                };
                self.string_const(&text);
            }
            ExprKind::Range { .. } | ExprKind::Error => return Err(internal("an expression without a value", expr.span)),
        }
        Ok(repr)
    }

    pub(super) fn new_map(&mut self) -> u32 {
        let map = self.new_local(ValType::I32);
        self.call_std("map.new", &[], &[ValType::I32]);
        self.push(I::LocalSet(map));
        map
    }

    /// With map and key on the stack: emits the value and `map.init*`.
    pub(super) fn map_init(&mut self, value: &'a Expr, value_ty: TypeId) -> Emit {
        let mark = self.temps_mark();
        self.operand(value, self.repr(value_ty))?;
        let (name, valtype) = self.init_variant("map.init", value_ty);
        self.call_std(&name, &[ValType::I32, ValType::I32, valtype], &[]);
        self.drop_temps(mark);
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

    fn array_literal(&mut self, ty: TypeId, items: &'a [Expr]) -> Emit {
        let (item_ty, is_set) = match self.sem.types.get(ty) {
            Type::Array(t) | Type::MutArray(t) => (*t, false),
            Type::Set(t) | Type::MutSet(t) => (*t, true),
            _ => (Types::JSON, false),
        };
        self.array_of(items.iter().map(|e| (e, item_ty)).collect())?;
        if is_set {
            self.call_std("set.from_array", &[ValType::I32], &[ValType::I32]);
        }
        Ok(())
    }

    /// Pushes a new array of the given values (each converted to its type).
    pub(super) fn array_of(&mut self, items: Vec<(&'a Expr, TypeId)>) -> Emit {
        let array = self.new_local(ValType::I32);
        self.push(I::I32Const(items.len() as i32));
        self.call_std("array.new", &[ValType::I32], &[ValType::I32]);
        self.push(I::LocalSet(array));
        for (i, (item, item_ty)) in items.into_iter().enumerate() {
            self.push(I::LocalGet(array));
            self.push(I::I32Const(i as i32));
            let mark = self.temps_mark();
            self.operand(item, self.repr(item_ty))?;
            let (name, valtype) = self.init_variant("array.init", item_ty);
            self.call_std(&name, &[ValType::I32, ValType::I32, valtype], &[]);
            self.drop_temps(mark);
        }
        self.push(I::LocalGet(array));
        Ok(())
    }

    /// Every step concatenates one part to the text so far; the text
    /// of the step before, and each part made for it, is dropped.
    fn interpolation(&mut self, parts: &'a [InterpolationPart]) -> Emit {
        // Text first: start from it. An expression first is concatenated
        // to "" so that the result is always a new string.
        let rest = match parts.split_first() {
            Some((InterpolationPart::Text(text), rest)) => {
                self.string_const(text);
                rest
            }
            _ => {
                self.string_const("");
                parts
            }
        };
        for (step, part) in rest.iter().enumerate() {
            let mark = self.temps_mark();
            if step > 0 {
                self.hold_temp();
            }
            match part {
                InterpolationPart::Text(text) => self.string_const(text),
                InterpolationPart::Expr(e) => {
                    let ty = self.sem.type_of(e.id);
                    let from = self.expr(e)?;
                    if from == Repr::Handle && self.is_fresh(e) {
                        self.hold_temp();
                    }
                    let shown = match from {
                        // One call, no handle for the number's text.
                        Repr::F64 => {
                            self.call_std("str.concat_num", &[ValType::I32, ValType::F64], &[ValType::I32]);
                            self.drop_temps(mark);
                            continue;
                        }
                        Repr::Bool => Some("bool.str"),
                        _ if matches!(self.sem.types.get(ty), Type::Json | Type::MutJson) => Some("json.str"),
                        _ if matches!(self.sem.types.get(ty), Type::Str | Type::Enum(_)) => None,
                        _ => Some("value.str"),
                    };
                    if let Some(shown) = shown {
                        self.call_std(shown, &[ValType::I32], &[ValType::I32]);
                        self.hold_temp();
                    }
                }
            }
            self.call_std("str.concat", &[ValType::I32, ValType::I32], &[ValType::I32]);
            self.drop_temps(mark);
        }
        Ok(())
    }

    fn name(&mut self, expr: &'a Expr) -> Emit<Repr> {
        match self.sem.names.get(expr.id) {
            Some(NameRef::Var(var)) => self.load_var(*var, expr.span),
            _ => Err(self.unsupported("using a function as a value", expr.span)),
        }
    }

    /// Runs `access` on the object left in a local, unless the object is
    /// nil (for `?.`): then the result is nil.
    pub(super) fn optional_access(
        &mut self,
        object: &'a Expr,
        result: TypeId,
        access: impl FnOnce(&mut Self, u32) -> Emit<Repr>,
    ) -> Emit<Repr> {
        let local = self.new_local(ValType::I32);
        let from = self.expr(object)?;
        self.convert(from, Repr::Handle);
        self.push(I::LocalTee(local));
        // `maybe?.run()` of a method that returns nothing: no value either way.
        if self.sem.types.strip_optional(result) == Types::VOID {
            self.open(I::If(BlockType::Empty));
            access(self, local)?;
            self.close();
            return Ok(Repr::Void);
        }
        self.open(I::If(BlockType::Result(ValType::I32)));
        let got = access(self, local)?;
        self.convert(got, Repr::Handle);
        self.push(I::Else);
        self.push(I::I32Const(0));
        self.close();
        let repr = self.repr(result);
        self.convert(Repr::Handle, repr);
        Ok(repr)
    }

    fn member(&mut self, expr: &'a Expr, object: &'a Expr, optional: bool) -> Emit<Repr> {
        let result = self.sem.type_of(expr.id);
        let Some(member) = self.sem.members.get(expr.id).cloned() else {
            return Err(internal("an unresolved member", expr.span));
        };
        let is_optional = optional && self.sem.types.is_optional(self.sem.type_of(object.id));
        match member {
            MemberRef::EnumVariant { name, .. } => {
                self.string_const(&name);
                Ok(Repr::Handle)
            }
            MemberRef::Extern { target, is_property: true } if is_optional => {
                let declared = self.sem.types.strip_optional(result);
                let receiver_ty = self.sem.type_of(object.id);
                self.optional_access(object, result, |this, local| {
                    this.extern_call_on(&target, (local, receiver_ty), &[], None, declared)
                })
            }
            MemberRef::Extern { target, is_property: true } => {
                let receiver = target.has_receiver.then_some(object);
                self.extern_call(&target, receiver, &[], None, result)
            }
            MemberRef::StructField(name) | MemberRef::Field { name, .. } if is_optional => {
                // Read as a handle: the field may itself be optional.
                self.optional_access(object, result, |this, local| {
                    this.push(I::LocalGet(local));
                    this.read_member(&member_of(&name, expr, this), &name, result)
                })
            }
            MemberRef::StructField(_) | MemberRef::Field { .. } => {
                let mark = self.temps_mark();
                self.operand(object, Repr::Handle)?;
                let name = match &member {
                    MemberRef::StructField(name) | MemberRef::Field { name, .. } => name.clone(),
                    _ => return Err(internal("a field read of something else", expr.span)),
                };
                let repr = self.read_member(&member, &name, result)?;
                self.drop_temps(mark);
                Ok(repr)
            }
            MemberRef::StaticMethod { class, name } => {
                let (owner, decl) = super::calls::implementation(self.sem, class, &name)
                    .ok_or_else(|| internal("a static method without a body", expr.span))?;
                let function = self.b.method_function(owner, decl, expr.span)?;
                self.push(I::I32Const(function as i32));
                self.push(I::I32Const(0));
                self.call_std("closure.new", &[ValType::I32, ValType::I32], &[ValType::I32]);
                Ok(Repr::Handle)
            }
            _ => Err(self.unsupported("using a method as a value", expr.span)),
        }
    }

    /// With the object on the stack: reads a struct or object field.
    fn read_member(&mut self, member: &MemberRef, name: &str, result: TypeId) -> Emit<Repr> {
        let repr = self.repr(result);
        match member {
            MemberRef::Field { class, .. } => {
                let index = self.field_index(*class, name);
                self.push(I::I32Const(index as i32));
                let (op, valtype) = match repr {
                    Repr::F64 => ("object.get_num", ValType::F64),
                    Repr::Bool => ("object.get_bool", ValType::I32),
                    _ => ("object.get", ValType::I32),
                };
                self.call_std(op, &[ValType::I32, ValType::I32], &[valtype]);
            }
            _ => {
                self.string_const(name);
                self.call_std("Json.tryGet", &[ValType::I32, ValType::I32], &[ValType::I32]);
                self.convert_fresh(Repr::Handle, repr);
            }
        }
        Ok(repr)
    }

    /// A field's position in the object layout of `class`.
    pub(super) fn field_index(&self, class: crate::check::ClassId, name: &str) -> usize {
        self.sem.field_layout(class).iter().position(|n| n == name).unwrap_or(0)
    }

    /// `object.field op= value` (user object fields; MutJson keys).
    pub(super) fn assign_member(
        &mut self,
        target: &'a Expr,
        object: &'a Expr,
        op: AssignOp,
        value: &'a Expr,
        ty: TypeId,
    ) -> Emit {
        let Some(MemberRef::Field { class, name }) = self.sem.members.get(target.id).cloned() else {
            return Err(self.unsupported("this assignment", target.span));
        };
        let index = self.field_index(class, &name) as i32;
        let repr = self.repr(ty);
        let holder = self.new_local(ValType::I32);
        self.expr(object)?;
        self.push(I::LocalTee(holder));
        self.push(I::I32Const(index));
        self.combined(op, ty, value, |this| {
            this.push(I::LocalGet(holder));
            this.read_member(&MemberRef::Field { class, name: name.clone() }, &name, ty).map(|_| ())
        })?;
        let (set, valtype) = match repr {
            Repr::F64 => ("object.set_num", ValType::F64),
            Repr::Bool => ("object.set_bool", ValType::I32),
            _ => ("object.set", ValType::I32),
        };
        self.call_std(set, &[ValType::I32, ValType::I32, valtype], &[]);
        Ok(())
    }

    /// `collection[index] op= value` on a MutArray, MutMap or MutJson.
    pub(super) fn assign_index(&mut self, object: &'a Expr, index: &'a Expr, op: AssignOp, value: &'a Expr, ty: TypeId) -> Emit {
        let (holder, key) = (self.new_local(ValType::I32), self.new_local(ValType::I32));
        let from = self.expr(object)?;
        self.convert(from, Repr::Handle);
        self.push(I::LocalTee(holder));
        let from = self.expr(index)?;
        self.convert(from, Repr::Handle);
        self.push(I::LocalTee(key));
        self.combined(op, ty, value, |this| {
            this.push(I::LocalGet(holder));
            this.push(I::LocalGet(key));
            this.call_std("collection.get", &[ValType::I32, ValType::I32], &[ValType::I32]);
            let repr = this.repr(ty);
            this.convert(Repr::Handle, repr);
            Ok(())
        })?;
        let repr = self.repr(ty);
        self.convert(repr, Repr::Handle);
        self.call_std("collection.set", &[ValType::I32, ValType::I32, ValType::I32], &[]);
        Ok(())
    }

    fn index(&mut self, expr: &'a Expr, object: &'a Expr, index: &'a Expr) -> Emit<Repr> {
        let result = self.sem.type_of(expr.id);
        let (name, index_ty) = match self.sem.types.get(self.sem.type_of(object.id)) {
            Type::Array(_) | Type::MutArray(_) => ("Array.index", Types::NUM),
            Type::Map(_) | Type::MutMap(_) => ("Map.get", Types::STR),
            Type::Str => ("str.at", Types::NUM),
            _ if self.sem.type_of(index.id) == Types::NUM => ("Json.index", Types::NUM),
            _ => ("Json.get", Types::STR),
        };
        let mark = self.temps_mark();
        self.operand(object, Repr::Handle)?;
        self.operand(index, self.repr(index_ty))?;
        let index_valtype = self.repr(index_ty).valtype().unwrap_or(ValType::I32);
        self.call_std(name, &[ValType::I32, index_valtype], &[ValType::I32]);
        self.drop_temps(mark);
        let repr = self.repr(result);
        self.convert_fresh(Repr::Handle, repr);
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
                if self.is_fresh(left) {
                    // `m.tryGet(k) ?? 0`: the boxed number is read and dropped.
                    self.convert_fresh(Repr::Handle, self.repr(ty));
                } else {
                    self.convert(Repr::Handle, self.repr(ty));
                }
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
                    _ => {
                        let mark = self.temps_mark();
                        self.operand(left, Repr::Handle)?;
                        self.operand(right, Repr::Handle)?;
                        self.call_std("value.eq", &[ValType::I32, ValType::I32], &[ValType::I32]);
                        self.drop_temps(mark);
                    }
                }
                if op == BinaryOp::NotEq {
                    self.push(I::I32Eqz);
                }
            }
            BinaryOp::Add if left_ty == Types::STR => {
                let mark = self.temps_mark();
                self.operand(left, Repr::Handle)?;
                self.operand(right, Repr::Handle)?;
                self.call_std("str.concat", &[ValType::I32, ValType::I32], &[ValType::I32]);
                self.drop_temps(mark);
            }
            BinaryOp::Less | BinaryOp::LessEq | BinaryOp::Greater | BinaryOp::GreaterEq => {
                self.expr_as(left, Types::NUM)?;
                self.expr_as(right, Types::NUM)?;
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
            BinaryOp::Mod => self.remainder(),
            _ => self.call_std("num.pow", &[ValType::F64, ValType::F64], &[ValType::F64]),
        }
        Ok(())
    }

    /// `a % b` with `a` and `b` on the stack. For whole numbers below
    /// 2^53 (the usual `i % n`) in Wasm: the quotient `a / b` is then
    /// never rounded across a whole number, so `a - b * trunc(a / b)` is
    /// exact; its sign is the dividend's (`-4 % 2` is `-0`). Anything else
    /// asks the host (`num.rem`, `fmod`).
    fn remainder(&mut self) {
        const EXACT: f64 = 9007199254740992.0;
        let (a, b) = (self.new_local(ValType::F64), self.new_local(ValType::F64));
        self.push(I::LocalSet(b));
        self.push(I::LocalSet(a));
        for local in [a, b] {
            self.push(I::LocalGet(local));
            self.push(I::LocalGet(local));
            self.push(I::F64Trunc);
            self.push(I::F64Eq);
            self.push(I::LocalGet(local));
            self.push(I::F64Abs);
            self.push(I::F64Const(EXACT.into()));
            self.push(I::F64Lt);
            self.push(I::I32And);
        }
        self.push(I::I32And);
        self.push(I::LocalGet(b));
        self.push(I::F64Const(0.0.into()));
        self.push(I::F64Ne);
        self.push(I::I32And);
        self.open(I::If(BlockType::Result(ValType::F64)));
        self.push(I::LocalGet(a));
        self.push(I::LocalGet(b));
        self.push(I::LocalGet(a));
        self.push(I::LocalGet(b));
        self.push(I::F64Div);
        self.push(I::F64Trunc);
        self.push(I::F64Mul);
        self.push(I::F64Sub);
        self.push(I::LocalGet(a));
        self.push(I::F64Copysign);
        self.push(I::Else);
        self.push(I::LocalGet(a));
        self.push(I::LocalGet(b));
        self.call_std("num.rem", &[ValType::F64, ValType::F64], &[ValType::F64]);
        self.close();
    }

    fn closure(&mut self, expr: &'a Expr, closure: &'a crate::syntax::ast::Closure) -> Emit {
        let info = self.sem.closures.get(expr.id).ok_or_else(|| internal("an unchecked closure", expr.span))?.clone();
        let (line, _) = self.b.sources.line_col(expr.span.file, expr.span.start);
        let (root, env) = (self.lift_root, self.lift_env.clone());
        let index = self.b.queue(|index| super::Pending {
            index,
            node: expr.id,
            body: &closure.body,
            kind: super::FnKind::Closure,
            lift_root: root,
            lift_env: env,
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
            for (k, var) in info.captures.iter().enumerate() {
                self.push(I::LocalGet(env));
                self.push(I::I32Const(k as i32));
                let repr = self.load_storage(*var, expr.span)?;
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

/// The member reference a `?.` field read stands for.
fn member_of(name: &str, expr: &Expr, this: &Emitter<'_, '_, '_>) -> MemberRef {
    match this.sem.members.get(expr.id) {
        Some(MemberRef::Field { class, .. }) => MemberRef::Field { class: *class, name: name.to_string() },
        _ => MemberRef::StructField(name.to_string()),
    }
}
