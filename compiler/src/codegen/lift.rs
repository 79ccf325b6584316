//! Lifted values: takes each slot's preflight value and the bundle's
//! usage of it, gives the [`LiftedValue`] the host places in the slot.
//!
//! A resource gets the operations the bundle calls on it; every handle of
//! one resource in a bundle carries the same grant (what any of them is
//! granted), so a resource reached through a collection inside a `lift`
//! block has what the block qualifies. An object of a user class
//! gets the fields the bundle needs: those it reads directly, plus those
//! the inflight methods it calls use on `this`, transitively (the methods'
//! usage summaries come from the checker). Everything else is left out:
//! the bundle cannot reach what it was not given. Values inside
//! collections, which no path reaches, get the bundle's "untracked"
//! operations for their class.

use super::{Bundle, FnKind, Pending, Result};
use crate::check::{ClassId, MemberKind, RESOURCE_FIELD, Usage};
use crate::diagnostics::Diagnostic;
use crate::preflight::{FnBody, FunctionValue, RefKind, ResourceId, Value};
use crate::syntax::ast::Phase;
use indexmap::IndexMap;
use std::collections::{BTreeMap, BTreeSet};
use wing_abi::LiftedValue;
use wing_std::walk::{MAX_DEPTH, Step, Walk, WalkError};

/// Why a preflight value cannot be lifted into inflight code.
enum Unliftable {
    /// It holds a preflight function.
    PreflightFunction,
    /// It contains itself, or is nested too deeply, on the way to what the
    /// bundle uses.
    Walk(WalkError),
}

impl Unliftable {
    /// The same problem seen from one level up.
    fn under(self, step: Step) -> Unliftable {
        match self {
            Unliftable::Walk(error) => Unliftable::Walk(error.under(step)),
            other => other,
        }
    }
}

impl From<WalkError> for Unliftable {
    fn from(error: WalkError) -> Unliftable {
        Unliftable::Walk(error)
    }
}

impl Bundle<'_, '_> {
    /// The value of every slot, in slot order, each resource handle with
    /// its resource's grant in the whole bundle.
    pub(super) fn lift_slots(&mut self) -> Result<Vec<LiftedValue>> {
        let mut lifted = self.lift_each_slot()?;
        let mut grants: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
        for value in &lifted {
            value.visit(&mut |path, ops| grants.entry(path.to_string()).or_default().extend(ops.iter().cloned()), &mut |_| {});
        }
        for value in &mut lifted {
            grant_all(value, &grants);
        }
        Ok(lifted)
    }

    fn lift_each_slot(&mut self) -> Result<Vec<LiftedValue>> {
        let mut lifted = Vec::with_capacity(self.slots.len());
        for i in 0..self.slots.len() {
            let (env, var, usage) = {
                let slot = &self.slots[i];
                (slot.env.clone(), slot.var, slot.usage.clone())
            };
            let info = self.sem.var(var);
            let Some(value) = env.get(var) else {
                return Err(Diagnostic::error(
                    "E0601",
                    format!("`{}` has no value when the inflight code is created", info.name),
                    info.span,
                )
                .with_label("declared here")
                .into());
            };
            let lifted_value = self.lift(&value, &usage, &mut Walk::default()).map_err(|problem| {
                let name = &info.name;
                let (message, label) = match &problem {
                    Unliftable::PreflightFunction => {
                        (format!("`{name}` cannot be used inflight"), "its value holds a preflight function".to_string())
                    }
                    Unliftable::Walk(WalkError::TooDeep) => (
                        format!("`{name}` cannot be used inflight"),
                        format!("its value is nested more than {MAX_DEPTH} levels deep"),
                    ),
                    Unliftable::Walk(cycle) => (
                        format!("`{name}` cannot be used inflight: its value contains itself"),
                        format!("`{name}{}` refers back to a value that contains it", cycle.path()),
                    ),
                };
                let code = if matches!(problem, Unliftable::PreflightFunction) { "E0602" } else { "E0603" };
                Box::new(Diagnostic::error(code, message, info.span).with_label(label).with_help(match problem {
                    Unliftable::PreflightFunction => "only inflight functions, data, resources and objects can be used inflight",
                    Unliftable::Walk(_) => "inflight code gets a copy of the data and objects it uses: lift the parts it needs",
                }))
            })?;
            lifted.push(lifted_value);
        }
        Ok(lifted)
    }

    fn lift(&mut self, value: &Value, usage: &Usage, walk: &mut Walk) -> Result<LiftedValue, Unliftable> {
        Ok(match value {
            Value::Ref(r) if r.kind == RefKind::Resource => self.lift_resource(ResourceId(r.id), usage),
            Value::Ref(r) if r.kind == RefKind::Object => {
                walk.within(value, |walk| self.lift_object(r.id as usize, usage, walk))?
            }
            Value::Ref(_) => self.lift_function(value).ok_or(Unliftable::PreflightFunction)?,
            Value::Array(items) => LiftedValue::Array(walk.within(value, |walk| self.lift_items(&items.borrow(), usage, walk))?),
            Value::Set(items) => LiftedValue::Set(walk.within(value, |walk| self.lift_items(&items.borrow(), usage, walk))?),
            Value::Map(entries) => walk.within(value, |walk| {
                let mut lifted = IndexMap::new();
                for (key, item) in entries.borrow().iter() {
                    let mut item_usage = usage.fields.get(key).cloned().unwrap_or_default();
                    item_usage.whole |= usage.whole;
                    let item = self.lift(item, &item_usage, walk).map_err(|problem| problem.under(Step::Key(key.clone())))?;
                    lifted.insert(key.clone(), item);
                }
                Ok::<_, Unliftable>(LiftedValue::Map(lifted))
            })?,
            data => data.to_lifted_scalar().ok_or(Unliftable::PreflightFunction)?,
        })
    }

    /// Items of a collection: no path reaches them, so each gets the
    /// untracked usage of its class as well as the collection's.
    fn lift_items(&mut self, items: &[Value], usage: &Usage, walk: &mut Walk) -> Result<Vec<LiftedValue>, Unliftable> {
        let each = items.iter().enumerate().map(|(i, item)| {
            let usage = self.with_untracked(item, usage);
            self.lift(item, &usage, walk).map_err(|problem| problem.under(Step::Index(i)))
        });
        each.collect()
    }

    fn with_untracked(&self, item: &Value, usage: &Usage) -> Usage {
        let mut merged = Usage { whole: usage.whole, ..Usage::default() };
        if let Some(untracked) = self.class_of(item).and_then(|c| self.untracked.get(&c)) {
            merged.merge(untracked);
        }
        merged
    }

    fn class_of(&self, value: &Value) -> Option<ClassId> {
        match value {
            Value::Ref(r) if r.kind == RefKind::Resource => {
                let type_name = &self.app.tree.get(ResourceId(r.id)).type_name;
                self.sem.classes.iter().position(|c| &c.qualified == type_name).map(|i| ClassId(i as u32))
            }
            Value::Ref(r) if r.kind == RefKind::Object => self.app.objects.get(r.id as usize).map(|o| o.class),
            _ => None,
        }
    }

    /// A resource's handle grants the methods called on it, never more:
    /// a use of the handle as a whole (passed along, stored) is no call,
    /// and calls the checker cannot trace are errors or qualified by a
    /// `lift` block.
    fn lift_resource(&self, id: ResourceId, usage: &Usage) -> LiftedValue {
        let node = self.app.tree.get(id);
        LiftedValue::Resource { path: node.path.clone(), ops: usage.ops.iter().cloned().collect() }
    }

    fn lift_object(&mut self, id: usize, usage: &Usage, walk: &mut Walk) -> Result<LiftedValue, Unliftable> {
        let Some(object) = self.app.objects.get(id).cloned() else { return Err(Unliftable::PreflightFunction) };
        let class = object.class;
        let needed = self.expand(class, usage);
        let mut fields = IndexMap::new();
        for name in self.sem.field_layout(class) {
            let lifted = match (needed.fields.get(&name), object.fields.get(&name)) {
                (Some(field_usage), Some(value)) => {
                    self.lift(value, field_usage, walk).map_err(|problem| problem.under(Step::Key(name.clone())))?
                }
                _ => LiftedValue::Nil,
            };
            fields.insert(name, lifted);
        }
        let init = self.has_init(class);
        if init && !self.inits.contains(&class) {
            self.inits.push(class);
        }
        Ok(LiftedValue::Object { class: self.sem.class(class).qualified.clone(), id: class.0, fields, init })
    }

    /// What an object of `class` needs for `usage`: the fields read
    /// directly, and those its inflight methods (and initializers) use on
    /// `this` for the operations called on it, transitively.
    fn expand(&self, class: ClassId, usage: &Usage) -> Usage {
        let mut needed = Usage { fields: usage.fields.clone(), ..Usage::default() };
        let mut ops: Vec<String> = usage.ops.iter().cloned().collect();
        if usage.whole {
            for name in self.sem.field_layout(class) {
                needed.fields.entry(name).or_default().whole = true;
            }
            ops.extend(self.inflight_methods(class));
        }
        let mut done = BTreeSet::new();
        let mut summaries: Vec<Usage> = self.init_summaries(class);
        while let Some(op) = ops.pop() {
            if done.insert(op.clone()) {
                // An operation of the std resource the class extends is one
                // on the resource its object holds.
                if self.sem.is_std_inherited(class, &op) {
                    needed.fields.entry(RESOURCE_FIELD.to_string()).or_default().ops.insert(op);
                } else if let Some(summary) = self.method_summary(class, &op) {
                    summaries.push(summary);
                }
            }
            while let Some(summary) = summaries.pop() {
                ops.extend(summary.ops.iter().cloned());
                for (field, field_usage) in &summary.fields {
                    needed.fields.entry(field.clone()).or_default().merge(field_usage);
                }
                if summary.whole {
                    ops.extend(self.inflight_methods(class));
                    for name in self.sem.field_layout(class) {
                        needed.fields.entry(name).or_default().whole = true;
                    }
                }
            }
        }
        needed
    }

    fn inflight_methods(&self, class: ClassId) -> Vec<String> {
        self.sem
            .ancestry(class)
            .flat_map(|c| self.sem.class(c).members.iter())
            .filter(|m| m.phase == Phase::Inflight && !m.is_static && matches!(m.kind, MemberKind::Method(_)))
            .map(|m| m.name.clone())
            .collect()
    }

    /// How the inflight method `op` uses `this` (`Parent#m` names a
    /// specific class's implementation, from `super.m()`).
    fn method_summary(&self, class: ClassId, op: &str) -> Option<Usage> {
        let (start, name) = match op.split_once('#') {
            Some((owner, name)) => (self.sem.ancestry(class).find(|c| self.sem.class(*c).name == owner)?, name),
            None => (class, op),
        };
        let (_, member) = self.sem.find_member(start, name)?;
        self.this_usage(member.decl?)
    }

    fn this_usage(&self, decl: crate::syntax::ast::NodeId) -> Option<Usage> {
        let info = self.sem.closures.get(decl)?;
        let this = info.this_var?;
        info.lifts.iter().find(|l| l.var == this).map(|l| l.usage.clone())
    }

    /// The `this` usages of the inflight initializers along the class chain.
    fn init_summaries(&self, class: ClassId) -> Vec<Usage> {
        self.sem
            .ancestry(class)
            .filter_map(|c| self.sem.class(c).inflight_init.as_ref()?.decl)
            .filter_map(|decl| self.this_usage(decl))
            .collect()
    }

    fn has_init(&self, class: ClassId) -> bool {
        self.sem.ancestry(class).any(|c| self.sem.class(c).inflight_init.is_some())
    }

    /// A preflight-created inflight closure, compiled into this bundle.
    fn lift_function(&mut self, value: &Value) -> Option<LiftedValue> {
        let Some(FunctionValue::Closure(closure)) = self.app.function(value).cloned() else { return None };
        if closure.phase != Phase::Inflight {
            return None;
        }
        let FnBody::Closure(code) = closure.body else { return None };
        let key = (closure.node, std::rc::Rc::as_ptr(&closure.env) as usize);
        let index = match self.lifted_closures.get(&key) {
            Some(index) => *index,
            None => {
                let (line, _) = self.sources.line_col(code.span.file, code.span.start);
                let index = self.queue(|index| Pending {
                    index,
                    node: closure.node,
                    body: &code.body,
                    kind: FnKind::Closure,
                    lift_root: closure.node,
                    lift_env: closure.env.clone(),
                    name: format!("closure at line {line}"),
                });
                self.lifted_closures.insert(key, index);
                index
            }
        };
        // Inflight code calls it as the type it was last used as.
        let own = self.sem.closures.get(closure.node).map(|info| info.ty);
        let index = match (own, closure.used_as) {
            (Some(own), Some(used_as)) => self.adapter(own, used_as, super::adapt::Callee::Function(index)).unwrap_or(index),
            _ => index,
        };
        Some(LiftedValue::Closure { index })
    }

    /// The inflight initializers of each class in `inits`, parents first.
    fn init_chains(&mut self) -> Result<Vec<(u32, Vec<u32>)>> {
        let mut cases = Vec::new();
        for class in self.inits.clone() {
            let mut chain: Vec<ClassId> = self.sem.ancestry(class).collect();
            chain.reverse();
            let mut functions = Vec::new();
            for c in chain {
                if let Some(decl) = self.sem.class(c).inflight_init.as_ref().and_then(|i| i.decl) {
                    functions.push(self.method_function(c, decl, self.sem.class(c).span)?);
                }
            }
            cases.push((class.0, functions));
        }
        Ok(cases)
    }

    /// Queues the inflight initializers lifted objects need.
    pub(super) fn queue_inits(&mut self) -> Result<()> {
        self.init_chains().map(|_| ())
    }

    /// Exports `wing_init(this)`, which runs the inflight initializers of a
    /// lifted object's class chain (parents first), when any lifted object
    /// needs it. Every initializer is compiled by now.
    pub(super) fn define_init_export(&mut self) -> Result<()> {
        if !self.inits.is_empty() {
            let cases = self.init_chains()?;
            self.builder.define_init(cases);
        }
        Ok(())
    }
}

/// Gives every resource handle in `value` its resource's grant.
fn grant_all(value: &mut LiftedValue, grants: &BTreeMap<String, BTreeSet<String>>) {
    match value {
        LiftedValue::Resource { path, ops } => {
            *ops = grants.get(path.as_str()).map(|g| g.iter().cloned().collect()).unwrap_or_default()
        }
        LiftedValue::Array(items) | LiftedValue::Set(items) => items.iter_mut().for_each(|i| grant_all(i, grants)),
        LiftedValue::Map(entries) | LiftedValue::Object { fields: entries, .. } => {
            entries.values_mut().for_each(|v| grant_all(v, grants))
        }
        _ => {}
    }
}
