//! Class bodies: takes a declared class, checks that it is well formed
//! (overrides match, interfaces are implemented, members fit the class's
//! phase) and checks the body of every method and constructor as a
//! function with `this`.
//!
//! The `this` of an inflight method of a preflight class is the object's
//! inflight client: its uses are recorded as the method's lift of `this`,
//! which is how lifting reaches through user classes.

use super::Checker;
use super::declare::phase_word;
use super::model::ClosureInfo;
use super::model::VarKind;
use super::symbols::{ClassKind, MemberInfo, MemberKind};
use super::types::{ClassId, FunctionType, Type, TypeId, Types};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{ClassDecl, ClassMember, Ident, MethodDecl, Phase, Span};
use std::collections::HashSet;

impl Checker {
    /// Checks overrides and interface implementations of a resolved class.
    pub(super) fn check_class_shape(&mut self, id: ClassId) {
        let class = self.sem.class(id).clone();
        for member in &class.members {
            let Some(parent) = class.parent else { continue };
            let Some((owner, inherited)) = self.sem.find_member(parent, &member.name) else { continue };
            let inherited = inherited.clone();
            if self.sem.class(owner).kind == ClassKind::Resource {
                self.report_std_override(member, owner);
            } else {
                self.check_override(member, &inherited);
            }
        }
        for interface in &class.interfaces {
            self.check_implements(id, *interface, class.span);
        }
    }

    /// E0900: a member with the name of one a std resource class gives its
    /// subclasses (the host implements those, for the resource alone).
    fn report_std_override(&mut self, member: &MemberInfo, owner: ClassId) {
        let shown = self.sem.class(owner).qualified.clone();
        self.report(
            Diagnostic::error(
                "E0900",
                format!("overriding `{}` of `{shown}` is not supported by this version of wingc yet", member.name),
                member.span,
            )
            .with_label(format!("`{shown}` already has a `{}`", member.name))
            .with_help("give the member a name of its own"),
        );
    }

    fn check_override(&mut self, member: &MemberInfo, inherited: &MemberInfo) {
        let compatible = match (&member.kind, &inherited.kind) {
            (MemberKind::Method(mine), MemberKind::Method(theirs)) => {
                member.phase == inherited.phase && member.is_static == inherited.is_static && self.same_signature(mine, theirs)
            }
            _ => false,
        };
        if !compatible {
            self.report(
                Diagnostic::error("E0127", format!("`{}` does not match the member it overrides", member.name), member.span)
                    .with_label(self.describe_member(member))
                    .with_secondary(inherited.span, format!("overridden: {}", self.describe_member(inherited)))
                    .with_help("an overriding method needs the same phase, parameters and return type"),
            );
        }
    }

    fn same_signature(&self, a: &FunctionType, b: &FunctionType) -> bool {
        a.params == b.params && a.result == b.result
    }

    fn describe_member(&self, member: &MemberInfo) -> String {
        match &member.kind {
            MemberKind::Method(sig) => {
                let mut sig = sig.clone();
                sig.phase = member.phase;
                format!("`{}` is `{}`", member.name, self.sem.types.display_function(&sig))
            }
            MemberKind::Field { ty, .. } | MemberKind::Property(ty) => {
                format!("`{}` is a field of type `{}`", member.name, self.sem.types.display(*ty))
            }
        }
    }

    fn check_implements(&mut self, id: ClassId, interface: super::types::InterfaceId, span: crate::syntax::ast::Span) {
        let mut required = Vec::new();
        self.collect_interface_methods(interface, &mut required);
        for wanted in required {
            match self.sem.find_member(id, &wanted.name).map(|(owner, m)| (owner, m.clone())) {
                Some((owner, _)) if self.sem.class(owner).kind == ClassKind::Resource => {
                    let (class, shown) = (self.sem.class(id).name.clone(), self.sem.class(owner).qualified.clone());
                    self.report(
                        Diagnostic::error(
                            "E0900",
                            format!(
                                "`{class}` implementing `{}` with the method it inherits from `{shown}` is not supported by this version of wingc yet",
                                wanted.name
                            ),
                            span,
                        )
                        .with_label(format!("`{}` comes from `{shown}`", wanted.name))
                        .with_secondary(wanted.span, format!("required: {}", self.describe_member(&wanted)))
                        .with_help("declare a method of another name in the interface, and implement it by calling the inherited one"),
                    );
                }
                Some((_, found)) => {
                    let fits = match (&found.kind, &wanted.kind) {
                        (MemberKind::Method(mine), MemberKind::Method(theirs)) => {
                            found.phase == wanted.phase && !found.is_static && self.same_signature(mine, theirs)
                        }
                        _ => false,
                    };
                    if !fits {
                        self.report(
                            Diagnostic::error(
                                "E0128",
                                format!("`{}` does not match the interface method it implements", wanted.name),
                                found.span,
                            )
                            .with_label(self.describe_member(&found))
                            .with_secondary(wanted.span, format!("required: {}", self.describe_member(&wanted))),
                        );
                    }
                }
                None => {
                    let interface_name = self.sem.interface(interface).name.clone();
                    self.report(
                        Diagnostic::error(
                            "E0129",
                            format!(
                                "`{}` does not implement `{}` of the interface `{interface_name}`",
                                self.sem.class(id).name,
                                wanted.name
                            ),
                            span,
                        )
                        .with_secondary(wanted.span, format!("required: {}", self.describe_member(&wanted))),
                    );
                }
            }
        }
    }

    /// The methods an interface requires, its own first, then those of the
    /// interfaces it extends (the first one of each name).
    fn collect_interface_methods(&self, id: super::types::InterfaceId, out: &mut Vec<MemberInfo>) {
        let mut names = std::collections::HashSet::new();
        let mut visited = std::collections::HashSet::new();
        let mut pending = vec![id];
        while let Some(next) = pending.pop() {
            if !visited.insert(next) {
                continue;
            }
            let info = self.sem.interface(next);
            out.extend(info.members.iter().filter(|m| names.insert(m.name.clone())).cloned());
            pending.extend(info.extends.iter().rev());
        }
    }

    /// Checks every method and constructor body of a class statement.
    pub(super) fn check_class_body(&mut self, id: ClassId, decl: &ClassDecl) {
        for member in &decl.members {
            if let ClassMember::Method(method) = member {
                self.check_method(id, method);
            }
        }
        self.check_fields_initialized(id, decl);
    }

    fn check_method(&mut self, class: ClassId, method: &MethodDecl) {
        let Some(body) = &method.body else {
            self.report(
                Diagnostic::error(
                    "E0131",
                    format!("the method `{}` has no body", method.signature.name.name),
                    method.signature.name.span,
                )
                .with_note("only interfaces and the standard library declare methods without a body"),
            );
            return;
        };
        let info = self.sem.class(class);
        let class_phase = info.phase;
        let (phase, signature) = if method.is_constructor {
            let constructor = if class_phase == Phase::Preflight && method.modifiers.phase == Some(Phase::Inflight) {
                info.inflight_init.clone()
            } else {
                info.constructor.clone()
            };
            match constructor.filter(|c| c.decl == Some(method.id)) {
                Some(c) => (c.signature.phase, c.signature),
                None => return,
            }
        } else {
            match info.own_member(&method.signature.name.name) {
                Some(MemberInfo { kind: MemberKind::Method(sig), phase, decl, .. }) if *decl == Some(method.id) => {
                    (*phase, sig.clone())
                }
                _ => return,
            }
        };
        let declared_result = if method.is_constructor { Types::VOID } else { signature.result };
        self.push_function(phase, Some(declared_result), Some(class));
        if let Some(context) = self.functions.last_mut() {
            context.constructor = method.is_constructor;
        }
        let this_var = (!method.modifiers.is_static).then(|| {
            let this_ty = self.sem.types.intern(Type::Class(class));
            let var = self.declare_var(
                &Ident { name: "this".to_string(), span: method.signature.name.span },
                this_ty,
                VarKind::This,
                false,
            );
            if phase == Phase::Inflight && class_phase == Phase::Preflight {
                self.local_roots.insert(var);
            }
            var
        });
        let params: Vec<_> = method
            .signature
            .params
            .iter()
            .zip(&signature.params)
            .map(|(p, ty)| self.declare_var(&p.name, *ty, VarKind::Param, p.reassignable))
            .collect();
        self.track_params(phase, &params);
        self.check_block_stmts(&body.stmts);
        if declared_result != Types::VOID
            && !self.sem.types.is_optional(declared_result)
            && !super::flow::always_exits(&body.stmts)
        {
            let what = format!("the method `{}`", method.signature.name.name);
            let declared_at = method.signature.return_type.as_ref().map(|t| t.span);
            self.report_missing_return(&what, declared_result, declared_at, body.span);
        }
        let context = self.pop_function();
        let ty = self.sem.types.function(FunctionType { phase, ..signature.clone() });
        if !context.flows.is_empty() {
            self.flow_owners.push(method.id);
        }
        self.sem.closures.insert(
            method.id,
            ClosureInfo {
                phase,
                params,
                result: declared_result,
                ty,
                captures: context.captures,
                lifts: context.lifts,
                flows: context.flows,
                this_var,
                untracked: context.untracked,
            },
        );
    }

    /// E0207 at the closing `}` of a body whose end is reachable, with the
    /// written return type as context.
    pub(super) fn report_missing_return(&mut self, what: &str, result: TypeId, declared_at: Option<Span>, body: Span) {
        let shown = self.sem.types.display(result);
        let end = Span { start: body.end.saturating_sub(1).max(body.start), ..body };
        let mut d = Diagnostic::error("E0207", format!("{what} must return a `{shown}` on every path"), end)
            .with_label("the end of the body can be reached without a `return`")
            .with_help("add a `return` before the end, or make the return type optional");
        if let Some(declared_at) = declared_at {
            d = d.with_secondary(declared_at, format!("declared to return `{shown}`"));
        }
        self.report(d);
    }

    /// Every field without a default must be assigned by its phase's
    /// constructor.
    fn check_fields_initialized(&mut self, id: ClassId, decl: &ClassDecl) {
        let class = self.sem.class(id).clone();
        if class.kind != ClassKind::User {
            return;
        }
        // The fields each phase's constructors assign.
        let mut assigned: [HashSet<&str>; 2] = Default::default();
        for member in &decl.members {
            if let ClassMember::Method(method) = member
                && method.is_constructor
                && let Some(body) = &method.body
            {
                let phase = if class.phase == Phase::Inflight {
                    Phase::Inflight
                } else {
                    method.modifiers.phase.unwrap_or(Phase::Preflight)
                };
                super::flow::assigned_fields(&body.stmts, &mut assigned[usize::from(phase == Phase::Inflight)]);
            }
        }
        for member in &class.members {
            let MemberKind::Field { ty, .. } = member.kind else { continue };
            if member.is_static || self.sem.types.is_optional(ty) {
                continue;
            }
            let constructor_phase = if class.phase == Phase::Inflight { Phase::Inflight } else { member.phase };
            if !assigned[usize::from(constructor_phase == Phase::Inflight)].contains(member.name.as_str()) {
                let constructor = if constructor_phase == Phase::Inflight && class.phase == Phase::Preflight {
                    "`inflight new()`"
                } else {
                    "`new()`"
                };
                self.report(
                    Diagnostic::error("E0125", format!("the field `{}` is never initialized", member.name), member.span)
                        .with_label(format!("a {} field without a value", phase_word(member.phase)))
                        .with_help(format!(
                            "assign it in {constructor} with `this.{} = …;`, or make its type optional",
                            member.name
                        )),
                );
            }
        }
    }
}
