//! Environments: takes variable ids and values, gives a chain of frames a
//! closure captures by reference (so a preflight closure sees later
//! assignments to the variables it closes over).

use super::value::Value;
use crate::check::VarId;
use std::cell::RefCell;
use std::collections::HashMap;
use std::rc::Rc;

#[derive(Debug, Default)]
pub struct Env {
    vars: RefCell<HashMap<VarId, Value>>,
    parent: Option<Rc<Env>>,
}

impl Env {
    pub fn child(parent: &Rc<Env>) -> Rc<Env> {
        Rc::new(Env { vars: RefCell::default(), parent: Some(parent.clone()) })
    }

    pub fn define(&self, var: VarId, value: Value) {
        self.vars.borrow_mut().insert(var, value);
    }

    pub fn get(&self, var: VarId) -> Option<Value> {
        if let Some(value) = self.vars.borrow().get(&var) {
            return Some(value.clone());
        }
        self.parent.as_ref()?.get(var)
    }

    /// Assigns an existing variable in the frame that holds it.
    pub fn set(&self, var: VarId, value: Value) -> bool {
        if let Some(slot) = self.vars.borrow_mut().get_mut(&var) {
            *slot = value;
            return true;
        }
        self.parent.as_ref().is_some_and(|p| p.set(var, value))
    }
}
