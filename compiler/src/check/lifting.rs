//! Lifting: takes the uses inflight code makes of preflight values, gives
//! for every lift root (an inflight closure created preflight, a `test`,
//! an inflight method of a preflight class) a [`Lift`] per preflight
//! variable with its [`Usage`]: which inflight methods are called on it and
//! which of its fields are read, down to the resources at the leaves.
//!
//! The usage is recorded along *paths*: `this.store.bucket.put(k)` records
//! the operation `put` at `this` → `store` → `bucket`. A value that is used
//! as a whole (passed along, iterated, returned) is marked `whole`: then it
//! needs everything. The compiler's `codegen::lift` expands usages through
//! the methods of the concrete classes of the lifted values; the result is
//! each bundle's grant, in the simulator and in IAM.

use super::Checker;
use super::model::VarId;
use super::types::ClassId;
use std::collections::{BTreeMap, BTreeSet};

/// How inflight code uses a preflight value.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Usage {
    /// Inflight methods called on it (resource operations, user methods).
    pub ops: BTreeSet<String>,
    /// Fields read from it, each with its own usage.
    pub fields: BTreeMap<String, Usage>,
    /// The value is used as a whole: everything in it is needed.
    pub whole: bool,
}

impl Usage {
    /// Adds everything `other` needs.
    pub fn merge(&mut self, other: &Usage) {
        self.ops.extend(other.ops.iter().cloned());
        self.whole |= other.whole;
        for (name, usage) in &other.fields {
            self.fields.entry(name.clone()).or_default().merge(usage);
        }
    }

    /// The usage at a field path below this one, created if needed.
    pub fn at(&mut self, path: &[String]) -> &mut Usage {
        path.iter().fold(self, |usage, field| usage.fields.entry(field.clone()).or_default())
    }
}

/// A preflight variable a lift root uses, and how.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Lift {
    pub var: VarId,
    pub usage: Usage,
}

/// What an expression does with the value at a path.
#[derive(Debug, Clone)]
pub(super) enum PathUse {
    /// Calls this inflight method on it.
    Call(String),
    /// Uses the value itself.
    Whole,
}

/// A chain of field reads from a variable: `this.store.bucket` is `this`
/// with the fields `store`, `bucket`.
#[derive(Debug, Clone)]
pub(super) struct Path {
    pub var: VarId,
    pub fields: Vec<String>,
}

impl Checker {
    /// Records that the current function uses the value at `path` (rooted
    /// at a variable lifted into the lift root at `root`).
    pub(super) fn record_lift(&mut self, root: usize, path: &Path, how: PathUse) {
        let lifts = &mut self.functions[root].lifts;
        let index = match lifts.iter().position(|l| l.var == path.var) {
            Some(i) => i,
            None => {
                lifts.push(Lift { var: path.var, usage: Usage::default() });
                lifts.len() - 1
            }
        };
        let usage = lifts[index].usage.at(&path.fields);
        match how {
            PathUse::Call(op) => {
                usage.ops.insert(op);
            }
            PathUse::Whole => usage.whole = true,
        }
    }

    /// Records an operation on a value of class `class` that does not come
    /// from a lifted path: granted to every such value the lift root lifts.
    pub(super) fn record_untracked(&mut self, class: ClassId, fields: &[String], how: PathUse) {
        let Some(root) = self.lift_root() else { return };
        let usage = self.functions[root].untracked.entry(class).or_default().at(fields);
        match how {
            PathUse::Call(op) => {
                usage.ops.insert(op);
            }
            PathUse::Whole => usage.whole = true,
        }
    }

    /// The innermost function that is a lift root: an inflight function
    /// whose enclosing code is preflight.
    pub(super) fn lift_root(&self) -> Option<usize> {
        let phase = |i: usize| self.functions.get(i).map(|f| f.phase);
        (0..self.functions.len()).rev().find(|&i| {
            phase(i) == Some(crate::syntax::ast::Phase::Inflight)
                && (i == 0 || phase(i - 1) != Some(crate::syntax::ast::Phase::Inflight))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn usages_merge_along_paths() {
        let mut a = Usage::default();
        a.at(&["store".into(), "bucket".into()]).ops.insert("put".into());
        let mut b = Usage::default();
        b.at(&["store".into(), "bucket".into()]).ops.insert("get".into());
        b.at(&["prefix".into()]).whole = true;
        a.merge(&b);
        let bucket = &a.fields["store"].fields["bucket"];
        assert_eq!(bucket.ops.iter().map(String::as_str).collect::<Vec<_>>(), ["get", "put"]);
        assert!(a.fields["prefix"].whole);
    }
}
