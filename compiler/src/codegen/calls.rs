//! Calls: takes a call expression (or `new`), gives instructions for it:
//! a stdlib member (a host import), a user method (a direct call when only
//! one implementation can be reached, a dispatcher on the object's class
//! otherwise), a static method, a parent constructor, or a closure value
//! (`call_indirect` through the function table).

use super::Result;
use super::function::{Emit, Emitter, Repr, internal};
use super::module::{FunctionCode, Op};
use crate::check::{
    ArgSlot, CallInfo, ClassId, ClassKind, ExternRef, MemberKind, MemberRef, MethodReceiver, NameRef, RESOURCE_FIELD, Semantics,
    StructOp, Type, TypeId, Types,
};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Arg, Expr, ExprKind, NodeId, Span};
use wasm_encoder::{BlockType, Instruction as I, ValType};

impl<'a> Emitter<'_, '_, 'a> {
    pub(super) fn call(&mut self, expr: &'a Expr, callee: &'a Expr, args: &'a [Arg]) -> Emit<Repr> {
        let result = self.sem.type_of(expr.id);
        let call = self.sem.calls.get(expr.id).ok_or_else(|| internal("an unchecked call", expr.span))?.clone();
        match self.sem.names.get(callee.id).cloned() {
            Some(NameRef::SuperConstructor { parent, this }) => {
                self.load_var(this, expr.span)?;
                let this_local = self.new_local(ValType::I32);
                self.push(I::LocalSet(this_local));
                self.construct(parent, this_local, &call, args, expr.span)?;
                return Ok(Repr::Void);
            }
            Some(NameRef::Extern(target)) if target.name == "unsafeCast" => {
                let from = match args.first() {
                    Some(arg) => self.expr(&arg.value)?,
                    None => return Err(internal("unsafeCast without an argument", expr.span)),
                };
                self.convert(from, Repr::Handle);
                let repr = self.repr(result);
                self.convert(Repr::Handle, repr);
                return Ok(repr);
            }
            Some(NameRef::Extern(target)) if target.module == "std" && target.name == "assert" => {
                self.assert(args, expr.span)?;
                return Ok(Repr::Void);
            }
            Some(NameRef::Extern(target)) => return self.extern_call(&target, None, args, Some(&call), result),
            _ => {}
        }
        if let Some(receiver) = self.sem.handle_calls.get(expr.id).copied() {
            let function = self.method_target(receiver, "handle", callee.span)?;
            let from = self.expr(callee)?;
            self.convert(from, Repr::Handle);
            return self.call_function(function, &call, args, result);
        }
        let (object, optional) = match &callee.kind {
            ExprKind::Member { object, optional, .. } => {
                (Some(&**object), *optional && self.sem.types.is_optional(self.sem.type_of(object.id)))
            }
            _ => (None, false),
        };
        match (self.sem.members.get(callee.id).cloned(), object) {
            (Some(MemberRef::Extern { target, is_property: false }), Some(object)) if target.has_receiver => {
                if optional {
                    let declared = self.sem.types.strip_optional(result);
                    let receiver_ty = self.sem.type_of(object.id);
                    return self.optional_access(object, result, |this, local| {
                        this.extern_call_on(&target, (local, receiver_ty), args, Some(&call), declared)
                    });
                }
                self.extern_call(&target, Some(object), args, Some(&call), result)
            }
            (Some(MemberRef::Extern { target, is_property: false }), _) => {
                self.extern_call(&target, None, args, Some(&call), result)
            }
            (Some(MemberRef::Method { receiver, name }), Some(object)) => {
                let function = self.method_target(receiver, &name, callee.span)?;
                if optional {
                    let declared = self.sem.types.strip_optional(result);
                    return self.optional_access(object, result, |this, local| {
                        this.push(I::LocalGet(local));
                        this.call_function(function, &call, args, declared)
                    });
                }
                let from = self.expr(object)?;
                self.convert(from, Repr::Handle);
                self.call_function(function, &call, args, result)
            }
            (Some(MemberRef::StaticMethod { class, name }), _) => {
                let (owner, decl) = implementation(self.sem, class, &name)
                    .ok_or_else(|| internal("a static method without a body", callee.span))?;
                let function = self.b.method_function(owner, decl, callee.span)?;
                self.push(I::I32Const(0));
                self.call_function(function, &call, args, result)
            }
            (Some(MemberRef::StructStatic { id, op }), _) => {
                let name = match op {
                    StructOp::FromJson => "struct.fromJson",
                    StructOp::TryFromJson => "struct.tryFromJson",
                    StructOp::ParseJson => "struct.parseJson",
                    StructOp::TryParseJson => "struct.tryParseJson",
                };
                let arg = args.first().ok_or_else(|| internal("a struct operation without an argument", expr.span))?;
                let from = self.expr(&arg.value)?;
                self.convert(from, Repr::Handle);
                self.string_const(&crate::check::struct_schema(self.sem, id));
                self.call_std(name, &[ValType::I32, ValType::I32], &[ValType::I32]);
                Ok(Repr::Handle)
            }
            _ => self.call_closure_value(callee, &call, args),
        }
    }

    /// Calls a function value: `call_indirect` with its environment.
    fn call_closure_value(&mut self, callee: &'a Expr, call: &CallInfo, args: &'a [Arg]) -> Emit<Repr> {
        let Type::Function(signature) = self.sem.types.get(self.sem.types.strip_optional(self.sem.type_of(callee.id))).clone()
        else {
            return Err(self.unsupported("this call", callee.span));
        };
        let closure = self.new_local(ValType::I32);
        self.expr(callee)?;
        self.push(I::LocalSet(closure));
        self.push(I::LocalGet(closure));
        self.call_std("closure.env", &[ValType::I32], &[ValType::I32]);
        let reprs: Vec<Repr> = call.params.iter().map(|p| self.repr(*p)).collect();
        let mark = self.temps_mark();
        self.args(call, args, &reprs, &[])?;
        self.push(I::LocalGet(closure));
        self.call_std("closure.func", &[ValType::I32], &[ValType::I32]);
        let mut params = vec![ValType::I32];
        params.extend(reprs.iter().filter_map(|r| r.valtype()));
        let results: Vec<ValType> = self.repr(signature.result).valtype().into_iter().collect();
        let type_index = self.b.builder.type_index(params, results);
        self.ops.push(Op::CallIndirect(type_index));
        let result = self.repr(signature.result);
        self.drop_guest_temps(mark, result);
        Ok(result)
    }

    /// With the receiver (or environment) on the stack: pushes the
    /// arguments and calls a compiled function of the bundle.
    fn call_function(&mut self, function: u32, call: &CallInfo, args: &'a [Arg], result: TypeId) -> Emit<Repr> {
        let reprs: Vec<Repr> = call.params.iter().map(|p| self.repr(*p)).collect();
        let mark = self.temps_mark();
        self.args(call, args, &reprs, &[])?;
        self.ops.push(Op::CallFunction(function));
        let result = self.repr(result);
        self.drop_guest_temps(mark, result);
        Ok(result)
    }

    /// The function a method call on `receiver` runs: the one
    /// implementation every possible class shares, or a dispatcher.
    fn method_target(&mut self, receiver: MethodReceiver, name: &str, span: Span) -> Result<u32> {
        let candidates = method_candidates(self.sem, receiver, name);
        let first = candidates.first().map(|(_, owner, decl)| (*owner, *decl));
        match first {
            Some((owner, decl))
                if candidates.iter().all(|(_, _, d)| *d == decl) && !may_hold_closure(self.sem, receiver, name) =>
            {
                self.b.method_function(owner, decl, span)
            }
            None if matches!(receiver, MethodReceiver::Super(_)) => Err(internal("a method without a body", span)),
            _ => self.dispatcher(receiver, name, &candidates, span),
        }
    }

    /// A function that calls the implementation of `name` for the object's
    /// class.
    fn dispatcher(
        &mut self,
        receiver: MethodReceiver,
        name: &str,
        candidates: &[(ClassId, ClassId, NodeId)],
        span: Span,
    ) -> Result<u32> {
        if let Some(index) = self.b.dispatchers.get(&(receiver, name.to_string())) {
            return Ok(*index);
        }
        let signature =
            self.method_signature(receiver, name).ok_or_else(|| internal("a dispatched method without a signature", span))?;
        let (own, results) = self.b.wasm_signature(&signature);
        let params = [vec![ValType::I32], own].concat();
        let type_index = self.b.builder.type_index(params.clone(), results.clone());
        let index = self.b.builder.reserve_function();
        self.b.dispatchers.insert((receiver, name.to_string()), index);
        let class_of = self.b.builder.import("wing:std", "object.class", vec![ValType::I32], vec![ValType::I32]);
        let class_local = params.len() as u32;
        let mut ops = vec![Op::Wasm(I::LocalGet(0)), Op::CallImport(class_of), Op::Wasm(I::LocalSet(class_local))];
        if may_hold_closure(self.sem, receiver, name) {
            ops.extend(self.closure_case(class_local, &params, results.clone()));
        }
        for (class, owner, decl) in candidates {
            let function = self.b.method_function(*owner, *decl, span)?;
            ops.push(Op::Wasm(I::LocalGet(class_local)));
            ops.push(Op::Wasm(I::I32Const(class.0 as i32)));
            ops.push(Op::Wasm(I::I32Eq));
            ops.push(Op::Wasm(I::If(BlockType::Empty)));
            ops.extend((0..params.len() as u32).map(|p| Op::Wasm(I::LocalGet(p))));
            ops.push(Op::CallFunction(function));
            ops.push(Op::Wasm(I::Return));
            ops.push(Op::Wasm(I::End));
        }
        ops.push(Op::Wasm(I::Unreachable));
        let name = format!("dispatch {name}");
        self.b.builder.define_function(index, FunctionCode { name, type_index, locals: vec![ValType::I32], ops });
        Ok(index)
    }

    /// The dispatcher's case of a closure (class -1, see `object.class`):
    /// calls it with its environment in place of the receiver.
    fn closure_case(&mut self, class_local: u32, params: &[ValType], results: Vec<ValType>) -> Vec<Op> {
        let mut ops = vec![
            Op::Wasm(I::LocalGet(class_local)),
            Op::Wasm(I::I32Const(-1)),
            Op::Wasm(I::I32Eq),
            Op::Wasm(I::If(BlockType::Empty)),
            Op::Wasm(I::LocalGet(0)),
        ];
        self.b.std(&mut ops, "closure.env", &[ValType::I32], &[ValType::I32]);
        ops.extend((1..params.len() as u32).map(|p| Op::Wasm(I::LocalGet(p))));
        ops.push(Op::Wasm(I::LocalGet(0)));
        self.b.std(&mut ops, "closure.func", &[ValType::I32], &[ValType::I32]);
        ops.push(Op::CallIndirect(self.b.builder.type_index(params.to_vec(), results)));
        ops.push(Op::Wasm(I::Return));
        ops.push(Op::Wasm(I::End));
        ops
    }

    fn method_signature(&self, receiver: MethodReceiver, name: &str) -> Option<crate::check::FunctionType> {
        let member = match receiver {
            MethodReceiver::Class(c) | MethodReceiver::Super(c) => self.sem.find_member(c, name).map(|(_, m)| m.clone()),
            MethodReceiver::Interface(i) => {
                let mut stack = vec![i];
                let mut found = None;
                while let Some(next) = stack.pop() {
                    let info = self.sem.interface(next);
                    if let Some(m) = info.members.iter().find(|m| m.name == name) {
                        found = Some(m.clone());
                        break;
                    }
                    stack.extend(info.extends.iter().copied());
                }
                found
            }
        }?;
        match member.kind {
            MemberKind::Method(sig) => Some(sig),
            _ => None,
        }
    }

    /// `new C(…)` inflight: a fresh object, then its constructor.
    pub(super) fn new_object(&mut self, expr: &'a Expr) -> Emit<Repr> {
        let ExprKind::New { args, .. } = &expr.kind else { return Err(internal("not a `new`", expr.span)) };
        let info = self.sem.news.get(expr.id).ok_or_else(|| internal("an unchecked `new`", expr.span))?.clone();
        if self.sem.class(info.class).kind != ClassKind::User {
            return Err(self.unsupported("creating a resource", expr.span));
        }
        if !self.b.app.class_envs.contains_key(&info.class) {
            let creator = (self.lift_root, self.lift_env.clone());
            self.b.local_classes.entry(info.class).or_insert(creator);
        }
        let this = self.new_local(ValType::I32);
        let (env_field, captured) = self.b.class_captures(info.class);
        let fields = env_field + u32::from(!captured.is_empty());
        self.push(I::I32Const(info.class.0 as i32));
        self.push(I::I32Const(fields as i32));
        self.call_std("object.new", &[ValType::I32, ValType::I32], &[ValType::I32]);
        self.push(I::LocalSet(this));
        if !captured.is_empty() {
            self.store_class_env(this, env_field, &captured, expr.span)?;
        }
        self.construct(info.class, this, &info.call, args, expr.span)?;
        self.push(I::LocalGet(this));
        Ok(Repr::Handle)
    }

    /// Stores in the new object's field `env_field` an environment with
    /// the variables its class's methods read from the code around it.
    fn store_class_env(&mut self, this: u32, env_field: u32, captured: &[crate::check::VarId], span: Span) -> Emit {
        if let Some(missing) = captured.iter().find(|var| !self.reaches(**var)) {
            let name = &self.sem.var(*missing).name;
            return Err(Diagnostic::error(
                "E0900",
                format!("creating this object here, where `{name}` (used by its class) is not used, is not supported by this version of wingc yet"),
                span,
            )
            .with_label("not supported yet")
            .with_help(format!("create it where `{name}` is used too, or pass `{name}` to its constructor"))
            .into());
        }
        let env = self.new_local(ValType::I32);
        self.push(I::I32Const(captured.len() as i32));
        self.call_std("env.new", &[ValType::I32], &[ValType::I32]);
        self.push(I::LocalSet(env));
        for (k, var) in captured.iter().enumerate() {
            self.push(I::LocalGet(env));
            self.push(I::I32Const(k as i32));
            let repr = self.load_storage(*var, span)?;
            let (name, valtype) = match repr {
                Repr::F64 => ("env.set_num", ValType::F64),
                Repr::Bool => ("env.set_bool", ValType::I32),
                _ => ("env.set", ValType::I32),
            };
            self.call_std(name, &[ValType::I32, ValType::I32, valtype], &[]);
        }
        self.push(I::LocalGet(this));
        self.push(I::I32Const(env_field as i32));
        self.push(I::LocalGet(env));
        self.call_std("object.set", &[ValType::I32, ValType::I32, ValType::I32], &[]);
        Ok(())
    }

    /// Runs the constructor `class` uses (its own or inherited) on the
    /// object in local `this`; a parent constructor the constructor does
    /// not call with `super(…)` runs first, without arguments.
    fn construct(&mut self, class: ClassId, this: u32, call: &CallInfo, args: &'a [Arg], span: Span) -> Emit {
        let Some((owner, decl)) =
            self.sem.ancestry(class).find_map(|c| self.sem.class(c).constructor.as_ref().and_then(|k| k.decl).map(|d| (c, d)))
        else {
            return Ok(());
        };
        if let Some(parent) = self.sem.class(owner).parent
            && !self.b.index.method(decl).is_some_and(|m| m.calls_super())
        {
            self.construct(parent, this, &CallInfo { slots: Vec::new(), params: Vec::new() }, &[], span)?;
        }
        let function = self.b.method_function(owner, decl, span)?;
        self.push(I::LocalGet(this));
        self.call_function(function, call, args, Types::VOID)?;
        Ok(())
    }

    /// `assert(cond, message?)`: throws `assertion failed: <cond source>`
    /// (or the message); the host adds the location from the trace.
    fn assert(&mut self, args: &'a [Arg], span: Span) -> Emit {
        let Some(cond) = args.first() else {
            return Err(internal("assert without a condition", span));
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
                let source = self.b.sources.snippet(cond.value.span).to_string();
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

    /// Whether a value of `ty` is never an array at run time (so that a
    /// host operation can tell it from a list of values).
    fn never_an_array(&self, ty: TypeId) -> bool {
        matches!(
            self.sem.types.get(ty),
            Type::Num
                | Type::Bool
                | Type::Str
                | Type::Duration
                | Type::Map(_)
                | Type::MutMap(_)
                | Type::Struct(_)
                | Type::Class(_)
        )
    }

    /// Pushes the arguments of a call by its slots; a rest parameter
    /// marked in `single` gets its one value as is, not in an array. A
    /// fresh argument is also kept in a temporary, for the caller to drop
    /// once the call is made.
    fn args(&mut self, call: &CallInfo, args: &'a [Arg], reprs: &[Repr], single: &[bool]) -> Emit {
        for (k, (slot, (repr, param))) in call.slots.iter().zip(reprs.iter().zip(&call.params)).enumerate() {
            match slot {
                ArgSlot::Rest(indices) if single.get(k).copied().unwrap_or(false) && indices.len() == 1 => {
                    self.operand(&args[indices[0]].value, *repr)?;
                }
                ArgSlot::Positional(i) => self.operand(&args[*i].value, *repr)?,
                ArgSlot::Missing => match repr {
                    Repr::F64 => self.push(I::F64Const(0.0.into())),
                    _ => self.push(I::I32Const(0)),
                },
                ArgSlot::Expanded { fields } => {
                    let map = self.new_map();
                    for (name, i) in fields {
                        self.push(I::LocalGet(map));
                        self.string_const(name);
                        let value = &args[*i].value;
                        self.map_init(value, self.sem.type_of(value.id))?;
                    }
                    self.push(I::LocalGet(map));
                    self.hold_temp();
                }
                ArgSlot::Rest(indices) => {
                    let item = match self.sem.types.get(*param) {
                        Type::Array(t) | Type::MutArray(t) => *t,
                        _ => Types::ERROR,
                    };
                    self.array_of(indices.iter().map(|i| (&args[*i].value, item)).collect())?;
                    self.hold_temp();
                }
            }
        }
        Ok(())
    }

    /// A stdlib member: pushes the receiver (if any) and arguments, calls
    /// the import.
    pub(super) fn extern_call(
        &mut self,
        target: &ExternRef,
        receiver: Option<&'a Expr>,
        args: &'a [Arg],
        call: Option<&CallInfo>,
        result: TypeId,
    ) -> Emit<Repr> {
        let mark = self.temps_mark();
        if let Some(receiver) = receiver {
            self.operand(receiver, Repr::Handle)?;
            // `super` is typed as the parent class; its value is `this`.
            let receiver_ty = match self.sem.names.get(receiver.id) {
                Some(NameRef::Var(var)) => self.sem.var(*var).ty,
                _ => self.sem.type_of(receiver.id),
            };
            self.receiver_resource(receiver_ty);
        }
        self.extern_import(target, receiver.is_some(), args, (call, mark), result)
    }

    /// [`Self::extern_call`] with the receiver, of type `receiver_ty`, in a
    /// local.
    pub(super) fn extern_call_on(
        &mut self,
        target: &ExternRef,
        (receiver, receiver_ty): (u32, TypeId),
        args: &'a [Arg],
        call: Option<&CallInfo>,
        result: TypeId,
    ) -> Emit<Repr> {
        let mark = self.temps_mark();
        self.push(I::LocalGet(receiver));
        self.receiver_resource(receiver_ty);
        self.extern_import(target, true, args, (call, mark), result)
    }

    /// With a receiver on the stack: an object of a class extending a std
    /// resource is replaced by the handle of its resource, which the
    /// inherited host members run on.
    fn receiver_resource(&mut self, receiver_ty: TypeId) {
        let receiver_ty = self.sem.types.strip_optional(receiver_ty);
        if let Type::Class(class) = self.sem.types.get(receiver_ty)
            && self.sem.std_base(*class).is_some()
        {
            self.push(I::I32Const(self.field_index(*class, RESOURCE_FIELD) as i32));
            self.call_std("object.get", &[ValType::I32, ValType::I32], &[ValType::I32]);
            self.hold_temp();
        }
    }

    /// The import of a stdlib member, with the receiver (if any) pushed
    /// and the fresh operands kept since `mark`: pushes the arguments,
    /// calls it, drops those operands.
    fn extern_import(
        &mut self,
        target: &ExternRef,
        has_receiver: bool,
        args: &'a [Arg],
        (call, mark): (Option<&CallInfo>, usize),
        result: TypeId,
    ) -> Emit<Repr> {
        let mut params = Vec::new();
        if has_receiver {
            params.push(ValType::I32);
        }
        let declared: Vec<Repr> = target.declared.params.iter().map(|p| self.declared_repr(*p)).collect();
        let declared_result = self.declared_repr(target.declared.result);
        // A generic `T` that is a `num` or a `bool` here crosses as one
        // (`MutArray<num>.at` gives an `f64`), not boxed in a handle; so
        // does the one value of `push(...values)` that cannot be an array.
        let specialize = target.module == "std";
        let mut reprs = declared.clone();
        let mut single_rest = vec![false; declared.len()];
        let mut result_repr = declared_result;
        if specialize {
            for (i, repr) in reprs.iter_mut().enumerate() {
                let (Some(&declared_ty), Some(&actual)) = (target.declared.params.get(i), target.signature.params.get(i)) else {
                    continue;
                };
                if matches!(self.sem.types.get(declared_ty), Type::Param(_)) && self.repr(actual) != Repr::Handle {
                    *repr = self.repr(actual);
                }
                // Only `push` takes one value as well as a list of them.
                let rest_of_one = target.name == "MutArray.push"
                    && matches!(call.and_then(|c| c.slots.get(i)), Some(ArgSlot::Rest(items)) if items.len() == 1);
                if let (true, Type::Array(item) | Type::MutArray(item)) = (rest_of_one, self.sem.types.get(actual))
                    && self.never_an_array(*item)
                {
                    single_rest[i] = true;
                    *repr = self.repr(*item);
                }
            }
            if matches!(self.sem.types.get(target.declared.result), Type::Param(_))
                && matches!(self.repr(target.signature.result), Repr::F64 | Repr::Bool)
            {
                result_repr = self.repr(target.signature.result);
            }
        }
        if let Some(call) = call {
            let call = CallInfo { slots: call.slots.clone(), params: target.declared.params.clone() };
            self.args(&call, args, &reprs, &single_rest)?;
        }
        params.extend(reprs.iter().filter_map(|r| r.valtype()));
        let results: Vec<ValType> = result_repr.valtype().into_iter().collect();
        let module = format!("wing:{}", target.module);
        let mut signature: String = if has_receiver { "h".to_string() } else { String::new() };
        signature.extend(reprs.iter().map(|r| r.letter()));
        signature.push('>');
        signature.push(result_repr.letter());
        // The host finds the operation by the name before `@`.
        let name = if reprs != declared || result_repr != declared_result {
            format!("{}@{signature}", target.name)
        } else {
            target.name.clone()
        };
        let index = self.b.builder.import(&module, &name, params, results);
        self.b.builder.describe_import(&module, &name, signature);
        let declared_result = result_repr;
        self.ops.push(Op::CallImport(index));
        self.drop_temps(mark);
        let repr = self.repr(result);
        self.convert_fresh(declared_result, repr);
        Ok(repr)
    }
}

/// Every body a call of `name` on `receiver` may run: the class of the
/// object, the class declaring the body, the body (`super.m()`: the one
/// its class inherits).
pub(super) fn method_candidates(sem: &Semantics, receiver: MethodReceiver, name: &str) -> Vec<(ClassId, ClassId, NodeId)> {
    if let MethodReceiver::Super(class) = receiver {
        return implementation(sem, class, name).map(|(owner, decl)| (class, owner, decl)).into_iter().collect();
    }
    sem.classes
        .iter()
        .enumerate()
        .map(|(i, c)| (ClassId(i as u32), c))
        .filter(|(id, c)| {
            c.kind == ClassKind::User
                && match receiver {
                    MethodReceiver::Class(base) => sem.is_subclass(*id, base),
                    MethodReceiver::Interface(interface) => sem.implements(*id, interface),
                    MethodReceiver::Super(_) => false,
                }
        })
        .filter_map(|(id, _)| implementation(sem, id, name).map(|(owner, decl)| (id, owner, decl)))
        .collect()
}

/// Whether the receiver of a `name` call may be a closure standing for
/// a handler interface (`cloud.IFunctionHandler`): then its `handle`
/// is the closure itself.
pub(super) fn may_hold_closure(sem: &Semantics, receiver: MethodReceiver, name: &str) -> bool {
    matches!(receiver, MethodReceiver::Interface(interface) if name == "handle" && sem.only_handle(interface))
}

/// The class declaring the body `class` runs for `name`, and the body.
pub(super) fn implementation(sem: &Semantics, class: ClassId, name: &str) -> Option<(ClassId, NodeId)> {
    let (owner, member) = sem.find_member(class, name)?;
    match member.kind {
        MemberKind::Method(_) => member.decl.map(|d| (owner, d)),
        _ => None,
    }
}
