//! Function values used as another function type: takes the type a value
//! has and the type the checker recorded it is used as
//! (`Semantics::coercions`), gives an adapter when the two call
//! differently in Wasm: fewer parameters (the extra arguments are dropped,
//! as in Wing), or a parameter or result held differently (`num` passed
//! where the closure takes `num?`).
//!
//! An adapter is a function of the expected signature that converts the
//! arguments, calls the original and converts the result. A value made
//! inflight is wrapped in a closure whose environment holds the original
//! ([`Callee::InEnv`]); a closure lifted from preflight (marked with the
//! type it was used as) gets an adapter that calls its compiled function
//! directly ([`Callee::Function`]). One adapter per case in a bundle.

use super::Bundle;
use super::function::{Conversion, Emit, Emitter, Repr};
use super::module::{FunctionCode, Op};
use crate::check::{FunctionType, Type, TypeId};
use wasm_encoder::{BlockType, Instruction as I, ValType};

/// What an adapter calls.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub(super) enum Callee {
    /// The closure in slot 0 of the adapter's environment.
    InEnv,
    /// A compiled function of the bundle, given the adapter's environment.
    Function(u32),
}

impl<'a> Emitter<'_, '_, 'a> {
    /// With a function value of type `from` on the stack: replaces it by one
    /// callable as `to` (nil stays nil).
    pub(super) fn adapt_function(&mut self, from: TypeId, to: TypeId) -> Emit {
        let Some(adapter) = self.b.adapter(from, to, Callee::InEnv) else { return Ok(()) };
        let value = self.new_local(ValType::I32);
        self.push(I::LocalSet(value));
        self.push(I::LocalGet(value));
        self.push(I::I32Eqz);
        self.push(I::If(BlockType::Result(ValType::I32)));
        self.push(I::I32Const(0));
        self.push(I::Else);
        self.push(I::I32Const(adapter as i32));
        self.push(I::I32Const(1));
        self.call_std("env.new", &[ValType::I32], &[ValType::I32]);
        let env = self.new_local(ValType::I32);
        self.push(I::LocalTee(env));
        self.push(I::I32Const(0));
        self.push(I::LocalGet(value));
        self.call_std("env.set", &[ValType::I32, ValType::I32, ValType::I32], &[]);
        self.push(I::LocalGet(env));
        self.call_std("closure.new", &[ValType::I32, ValType::I32], &[ValType::I32]);
        self.push(I::End);
        Ok(())
    }
}

impl Bundle<'_, '_> {
    /// The adapter from `from` to `to` calling `callee`; `None` when a
    /// value of `from` can be called as `to` as it is.
    pub(super) fn adapter(&mut self, from: TypeId, to: TypeId, callee: Callee) -> Option<u32> {
        let (from_fn, to_fn) = (self.function_type(from)?, self.function_type(to)?);
        if self.wasm_signature(&from_fn) == self.wasm_signature(&to_fn) {
            return None;
        }
        if let Some(index) = self.adapters.get(&(from, to, callee)) {
            return Some(*index);
        }
        let index = self.builder.reserve_function();
        self.adapters.insert((from, to, callee), index);
        let mut ops = Vec::new();
        if callee == Callee::InEnv {
            self.push_original(&mut ops);
            self.std(&mut ops, "closure.env", &[ValType::I32], &[ValType::I32]);
        } else {
            ops.push(Op::Wasm(I::LocalGet(0)));
        }
        let mut local = 1;
        for (position, wanted) in to_fn.params.iter().enumerate() {
            let given = Repr::of(self.sem, *wanted);
            if given.valtype().is_none() {
                continue;
            }
            if let Some(param) = from_fn.params.get(position) {
                ops.push(Op::Wasm(I::LocalGet(local)));
                self.convert(&mut ops, given, Repr::of(self.sem, *param));
            }
            local += 1;
        }
        match callee {
            Callee::InEnv => {
                self.push_original(&mut ops);
                self.std(&mut ops, "closure.func", &[ValType::I32], &[ValType::I32]);
                let (params, results) = self.wasm_signature(&from_fn);
                ops.push(Op::CallIndirect(self.builder.type_index([vec![ValType::I32], params].concat(), results)));
            }
            Callee::Function(function) => ops.push(Op::CallFunction(function)),
        }
        self.convert(&mut ops, Repr::of(self.sem, from_fn.result), Repr::of(self.sem, to_fn.result));
        let (params, results) = self.wasm_signature(&to_fn);
        let type_index = self.builder.type_index([vec![ValType::I32], params].concat(), results);
        let name = format!("adapt {} to {}", self.sem.types.display(from), self.sem.types.display(to));
        self.builder.define_function(index, FunctionCode { name, type_index, locals: Vec::new(), ops });
        Some(index)
    }

    fn function_type(&self, ty: TypeId) -> Option<FunctionType> {
        match self.sem.types.get(self.sem.types.strip_optional(ty)) {
            Type::Function(f) => Some(f.clone()),
            _ => None,
        }
    }

    /// Parameters (after the environment) and results of a function type
    /// as Wasm sees them.
    pub(super) fn wasm_signature(&self, f: &FunctionType) -> (Vec<ValType>, Vec<ValType>) {
        let params = f.params.iter().filter_map(|p| Repr::of(self.sem, *p).valtype()).collect();
        (params, Repr::of(self.sem, f.result).valtype().into_iter().collect())
    }

    /// Pushes the closure an environment-holding adapter wraps.
    fn push_original(&mut self, ops: &mut Vec<Op>) {
        ops.push(Op::Wasm(I::LocalGet(0)));
        ops.push(Op::Wasm(I::I32Const(0)));
        self.std(ops, "env.get", &[ValType::I32, ValType::I32], &[ValType::I32]);
    }

    pub(super) fn std(&mut self, ops: &mut Vec<Op>, name: &str, params: &[ValType], results: &[ValType]) {
        ops.push(Op::CallImport(self.builder.import("wing:std", name, params.to_vec(), results.to_vec())));
    }

    fn convert(&mut self, ops: &mut Vec<Op>, from: Repr, to: Repr) {
        match from.conversion(to) {
            Some(Conversion::Std(name, param, result)) => self.std(ops, name, &[param], &[result]),
            Some(Conversion::Drop) => ops.push(Op::Wasm(I::Drop)),
            None => {}
        }
    }
}
