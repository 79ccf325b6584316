//! Inflight code generation: takes an inflight closure value (a handler or
//! a `test` block) with the checker's tables and the preflight app, gives
//! one Wasm bundle: the entry, every function reachable from it (nested
//! closures, methods of user classes, dispatchers for overridden and
//! interface methods, lifted closures), the imports they call, and the
//! lifted values the host places in slots `1..=n` (see `spec/abi.md`).
//!
//! Functions are compiled on demand: compiling one may ask for others
//! (a method it calls, a closure it creates) and for lift slots. Slot
//! values are computed last, when every use of every lifted value is
//! known, by expanding usages through the methods of the lifted objects'
//! classes (`lift.rs`). That expansion is the bundle's grant.
//!
//! Files: `function.rs` (a function's locals and statements), `expr.rs`
//! (expressions), `calls.rs` (calls, methods, dispatch, `new`),
//! `lift.rs`, `module.rs` (the module under construction), `append.rs`
//! (which `str` variables `s = s + x` may grow in place).

mod adapt;
mod append;
mod calls;
mod expr;
mod function;
mod lift;
mod module;
mod owned;

use crate::check::{ClassId, Lift, MethodReceiver, Semantics, Types, Usage, VarId};
use crate::diagnostics::{Diagnostic, SourceMap};
use crate::preflight::env::Env;
use crate::preflight::{App, ClosureValue, FnBody};
use crate::syntax::ast::{Block, NodeId, Span};
use crate::syntax::index::DeclIndex;
use function::Emitter;
use module::ModuleBuilder;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::rc::Rc;
use wing_abi::LiftedValue;

type Result<T, E = Box<Diagnostic>> = std::result::Result<T, E>;

#[derive(Debug)]
pub struct CompiledBundle {
    pub wasm: Vec<u8>,
    /// Slot `i + 1` holds `lifts[i]`.
    pub lifts: Vec<LiftedValue>,
    /// Wing type names of the handler's parameters and result.
    pub params: Vec<String>,
    pub result: String,
}

/// What every bundle of an app is compiled from: the checked program, its
/// preflight app, and what is found once for all bundles.
pub struct Program<'s, 'a> {
    pub sem: &'s Semantics,
    pub sources: &'s SourceMap,
    pub index: &'s DeclIndex<'a>,
    pub app: &'s App<'a>,
    /// The methods whose calls give fresh handles (`owned.rs`).
    fresh_methods: HashSet<NodeId>,
}

impl<'s, 'a> Program<'s, 'a> {
    pub fn new(sem: &'s Semantics, sources: &'s SourceMap, index: &'s DeclIndex<'a>, app: &'s App<'a>) -> Self {
        Program { sem, sources, index, app, fresh_methods: owned::fresh_methods(sem, index) }
    }
}

/// Compiles the bundle whose entry is `closure`; `entry_name` names the
/// entry in stack traces (`test "adds"`, `root/Default/Queue/Consumer0`).
pub fn compile_bundle<'a>(program: &Program<'_, 'a>, closure: &ClosureValue<'a>, entry_name: &str) -> Result<CompiledBundle> {
    let sem = program.sem;
    let (body, span) = match closure.body {
        FnBody::Closure(c) => (&c.body, c.span),
        FnBody::Test(b) | FnBody::Method(b) => (b, b.span),
    };
    let Some(info) = sem.closures.get(closure.node) else {
        return Err(Diagnostic::error("E0600", "internal error: handler was not checked", span).into());
    };
    let mut bundle = Bundle::new(program);
    let entry = bundle.builder.reserve_function();
    bundle.pending.push(Pending {
        index: entry,
        node: closure.node,
        body,
        kind: FnKind::Closure,
        lift_root: closure.node,
        lift_env: closure.env.clone(),
        name: entry_name.to_string(),
    });
    let lifts = bundle.run()?;
    let file = program.sources.get(span.file).name.clone();
    Ok(CompiledBundle {
        wasm: bundle.builder.finish(&file),
        lifts,
        params: info.params.iter().map(|p| sem.types.display(sem.var(*p).ty)).collect(),
        result: if info.result == Types::ERROR { "void".to_string() } else { sem.types.display(info.result) },
    })
}

/// What a function body is compiled as.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(super) enum FnKind {
    /// A closure or `test`: parameter 0 is its environment.
    Closure,
    /// A method, constructor or initializer: parameter 0 is `this`.
    Method,
}

/// A function waiting to be compiled.
pub(super) struct Pending<'a> {
    pub index: u32,
    /// Key of its `ClosureInfo` (closure expression, `test`, method).
    pub node: NodeId,
    pub body: &'a Block,
    pub kind: FnKind,
    /// The function whose recorded lifts resolve this body's preflight
    /// variables, and the environment they live in.
    pub lift_root: NodeId,
    pub lift_env: Rc<Env>,
    pub name: String,
}

/// A lifted preflight variable: where its value lives and how the bundle
/// uses it.
struct Slot {
    env: Rc<Env>,
    var: VarId,
    usage: Usage,
    /// Lift roots whose usage is already merged in.
    merged: Vec<NodeId>,
}

/// The bundle under construction, shared by every function compiled into
/// it.
pub(super) struct Bundle<'s, 'a> {
    pub sem: &'s Semantics,
    pub sources: &'s SourceMap,
    pub index: &'s DeclIndex<'a>,
    pub app: &'s App<'a>,
    pub builder: ModuleBuilder,
    pending: Vec<Pending<'a>>,
    slots: Vec<Slot>,
    slot_ids: HashMap<(usize, VarId), u32>,
    /// Compiled methods and constructors by declaration.
    methods: HashMap<NodeId, u32>,
    /// Dispatchers by receiver and method name.
    dispatchers: HashMap<(MethodReceiver, String), u32>,
    /// Adapters between function types (see `adapt.rs`), by both types.
    adapters: HashMap<(crate::check::TypeId, crate::check::TypeId, adapt::Callee), u32>,
    /// Lifted closures by expression and environment.
    lifted_closures: HashMap<(NodeId, usize), u32>,
    /// Operations on values not reached through a lifted path, from every
    /// function compiled so far.
    untracked: BTreeMap<ClassId, Usage>,
    /// Classes of lifted objects that need their inflight initializer run.
    inits: Vec<ClassId>,
    /// Classes declared inside inflight code, by the lift root and
    /// environment of the function creating their objects: their methods
    /// lift preflight values as that function does.
    pub local_classes: HashMap<ClassId, (NodeId, Rc<Env>)>,
    /// The methods whose calls give fresh handles (`owned.rs`).
    pub fresh_methods: &'s HashSet<NodeId>,
}

impl<'s, 'a> Bundle<'s, 'a> {
    fn new(program: &'s Program<'s, 'a>) -> Self {
        Bundle {
            sem: program.sem,
            sources: program.sources,
            index: program.index,
            app: program.app,
            builder: ModuleBuilder::default(),
            pending: Vec::new(),
            slots: Vec::new(),
            slot_ids: HashMap::new(),
            methods: HashMap::new(),
            dispatchers: HashMap::new(),
            adapters: HashMap::new(),
            lifted_closures: HashMap::new(),
            untracked: BTreeMap::new(),
            inits: Vec::new(),
            local_classes: HashMap::new(),
            fresh_methods: &program.fresh_methods,
        }
    }

    /// Compiles until nothing is pending, then gives the slot values.
    fn run(&mut self) -> Result<Vec<LiftedValue>> {
        loop {
            while let Some(next) = self.pending.pop() {
                if let Some(info) = self.sem.closures.get(next.node) {
                    for (class, usage) in &info.untracked {
                        self.untracked.entry(*class).or_default().merge(usage);
                    }
                }
                let code = Emitter::new(self, &next)?.emit(&next)?;
                self.builder.define_function(next.index, code);
            }
            let lifts = self.lift_slots()?;
            self.queue_inits()?;
            if self.pending.is_empty() {
                self.define_init_export()?;
                return Ok(lifts);
            }
        }
    }

    /// The slot of a preflight variable used by a function whose lift root
    /// is `root`.
    pub(super) fn slot(&mut self, root: NodeId, env: &Rc<Env>, var: VarId) -> u32 {
        let key = (Rc::as_ptr(env) as usize, var);
        let id = match self.slot_ids.get(&key) {
            Some(id) => *id,
            None => {
                self.slots.push(Slot { env: env.clone(), var, usage: Usage::default(), merged: Vec::new() });
                let id = self.slots.len() as u32;
                self.slot_ids.insert(key, id);
                id
            }
        };
        let slot = &mut self.slots[id as usize - 1];
        if !slot.merged.contains(&root) {
            slot.merged.push(root);
            let recorded = self.sem.closures.get(root).and_then(|info| info.lifts.iter().find(|l: &&Lift| l.var == var));
            match recorded {
                Some(lift) => slot.usage.merge(&lift.usage),
                None => slot.usage.whole = true,
            }
        }
        id
    }

    /// Queues a function body for compilation; gives its index.
    pub(super) fn queue(&mut self, pending: impl FnOnce(u32) -> Pending<'a>) -> u32 {
        let index = self.builder.reserve_function();
        self.pending.push(pending(index));
        index
    }

    /// The function of a method, constructor or initializer of `class`
    /// declared at `decl`.
    pub(super) fn method_function(&mut self, class: ClassId, decl: NodeId, span: Span) -> Result<u32> {
        if let Some(index) = self.methods.get(&decl) {
            return Ok(*index);
        }
        let (Some(method), Some(env)) = (self.index.method(decl), self.class_env(class)) else {
            return Err(Diagnostic::error("E0600", "internal error: a method without a declaration", span).into());
        };
        let Some(body) = &method.body else {
            return Err(Diagnostic::error("E0600", "internal error: a method without a body", span).into());
        };
        let name = format!("{}.{}", self.sem.class(class).name, method.signature.name.name);
        let (lift_root, lift_env) = self.local_classes.get(&class).cloned().unwrap_or((decl, env));
        let index = self.queue(|index| Pending { index, node: decl, body, kind: FnKind::Method, lift_root, lift_env, name });
        self.methods.insert(decl, index);
        Ok(index)
    }

    /// The variables of the inflight code around a class that its methods
    /// read, in a fixed order, and the object field (one past its own)
    /// holding the environment `new` stores them in.
    pub(super) fn class_captures(&self, class: ClassId) -> (u32, Vec<VarId>) {
        let info = self.sem.class(class);
        let decls = info
            .members
            .iter()
            .filter_map(|m| m.decl)
            .chain(info.constructor.as_ref().and_then(|c| c.decl))
            .chain(info.inflight_init.as_ref().and_then(|c| c.decl));
        let mut captured: Vec<VarId> = Vec::new();
        for decl in decls {
            for var in self.sem.closures.get(decl).map(|c| c.captures.as_slice()).unwrap_or_default() {
                if !captured.contains(var) {
                    captured.push(*var);
                }
            }
        }
        (self.sem.field_layout(class).len() as u32, captured)
    }

    /// Where a class's methods find the preflight variables around it; an
    /// inflight class declared inside inflight code has none to lift.
    fn class_env(&self, class: ClassId) -> Option<Rc<Env>> {
        Some(self.app.class_envs.get(&class).cloned().unwrap_or_default())
    }
}
