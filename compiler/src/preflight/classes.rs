//! User classes preflight: takes `new`, field reads and writes and method
//! calls on user objects, gives objects in the app's object table (with a
//! node in the resource tree for preflight classes) and runs constructors
//! and methods.
//!
//! A preflight object is a scope: resources created while its constructor
//! runs go under its node (`root/Default/Store/Bucket`).

use super::ObjectData;
use super::env::Env;
use super::eval::{Eval, Evaluator, fail};
use super::tree::ResourceId;
use super::value::{ClosureValue, FnBody, FunctionValue, Ref, RefKind, Value, as_resource, object_value, resource_value};
use crate::check::{ClassId, ClassKind, MemberKind, MethodReceiver, RESOURCE_FIELD};
use crate::diagnostics::Diagnostic;
use crate::syntax::ast::{Arg, Expr, Phase, Span};
use indexmap::IndexMap;
use std::rc::Rc;

impl<'a> Evaluator<'a> {
    pub(super) fn eval_new(
        &mut self,
        expr: &'a Expr,
        args: &'a [Arg],
        id: Option<&'a Expr>,
        scope: Option<&'a Expr>,
        env: &Rc<Env>,
    ) -> Eval<Value> {
        let Some(info) = self.sem.news.get(expr.id) else {
            return fail("E0500", "internal error: unchecked `new`", expr.span);
        };
        let class_id = info.class;
        let args = self.call_args(&info.call, args, env)?;
        let class = self.sem.class(class_id);
        let id = match id {
            Some(id) => self.eval(id, env)?.display(),
            None => class.name.clone(),
        };
        let scope = match scope {
            Some(scope) => {
                let value = self.eval(scope, env)?;
                match self.node_of(&value) {
                    Some(node) => Some(node),
                    None => return fail("E0508", "the scope of `new … in` must be a resource or preflight object", scope.span),
                }
            }
            None => self.scopes.last().copied(),
        };
        // An object of a class extending a std resource is that resource.
        let type_name = match self.sem.std_base(class_id) {
            Some(base) => &self.sem.class(base).qualified,
            None => &class.qualified,
        };
        let resource = self.add_resource(scope, &id, type_name, expr.span)?;
        if class.kind != ClassKind::User {
            self.construct(resource, &class.qualified, args, expr.span)?;
            return Ok(resource_value(resource));
        }
        let object = self.new_object(class_id, Some(resource));
        if self.sem.std_base(class_id).is_some() {
            self.write_field(&object, RESOURCE_FIELD, resource_value(resource), expr.span)?;
        }
        self.scopes.push(resource);
        let constructed = self.construct_object(class_id, &object, args, expr.span);
        self.scopes.pop();
        constructed?;
        Ok(object)
    }

    fn new_object(&mut self, class: ClassId, node: Option<ResourceId>) -> Value {
        self.app.objects.push(ObjectData { class, fields: IndexMap::new(), node });
        object_value(self.app.objects.len() as u32 - 1)
    }

    /// The tree node of a resource or preflight object.
    pub(super) fn node_of(&self, value: &Value) -> Option<ResourceId> {
        as_resource(value).or_else(|| self.app.object(value).and_then(|o| o.node))
    }

    /// Runs the constructor of `class` (inherited when it has none) on
    /// `this`.
    pub(super) fn construct_object(&mut self, class: ClassId, this: &Value, args: Vec<Value>, span: Span) -> Eval<()> {
        if self.sem.class(class).kind == ClassKind::Resource {
            return self.construct_std_base(class, this, args, span);
        }
        let Some(constructor) = self.sem.ancestry(class).find_map(|c| self.sem.class(c).constructor.clone().map(|k| (c, k)))
        else {
            return Ok(());
        };
        let (owner, constructor) = constructor;
        let Some(method) = constructor.decl.and_then(|d| self.index.method(d)) else {
            return Ok(());
        };
        if let Some(parent) = self.sem.class(owner).parent
            && !method.calls_super()
        {
            self.construct_object(parent, this, Vec::new(), span)?;
        }
        self.run_method(owner, method.id, this.clone(), args, span).map(|_| ())
    }

    /// `super(…)` (or the implicit one) reaching the std resource class a
    /// user class extends: fills the object's resource from the arguments,
    /// keeping what inherited preflight methods called before it added
    /// (`this.addObject(…)`).
    fn construct_std_base(&mut self, class: ClassId, this: &Value, args: Vec<Value>, span: Span) -> Eval<()> {
        let Some(resource) = self.app.object(this).and_then(|o| o.node) else {
            return fail("E0500", "internal error: a resource subclass object without a node", span);
        };
        let type_name = self.sem.class(class).qualified.clone();
        let before = std::mem::take(&mut self.app.tree.get_mut(resource).props);
        self.construct(resource, &type_name, args, span)?;
        let props = &mut self.app.tree.get_mut(resource).props;
        for (name, value) in before {
            props.entry(name).or_insert(value);
        }
        Ok(())
    }

    /// The resource an extern member runs on: a resource, or the object of
    /// a class extending a std resource.
    pub(super) fn resource_of(&self, value: &Value) -> Option<ResourceId> {
        as_resource(value).or_else(|| {
            let object = self.app.object(value)?;
            self.sem.std_base(object.class).and(object.node)
        })
    }

    /// Runs the method (or constructor) declared at `decl` of `class`.
    fn run_method(
        &mut self,
        class: ClassId,
        decl: crate::syntax::ast::NodeId,
        this: Value,
        args: Vec<Value>,
        span: Span,
    ) -> Eval<Value> {
        let (Some(method), Some(info)) = (self.index.method(decl), self.sem.closures.get(decl)) else {
            return fail("E0500", "internal error: unchecked method", span);
        };
        let Some(body) = &method.body else { return Ok(Value::Nil) };
        let Some(class_env) = self.app.class_envs.get(&class).cloned() else {
            return fail("E0500", "internal error: class used before its declaration ran", span);
        };
        let frame = Env::child(&class_env);
        if let Some(this_var) = info.this_var {
            frame.define(this_var, this);
        }
        for (var, value) in info.params.iter().zip(args) {
            frame.define(*var, value);
        }
        self.run_body(&body.stmts, &frame, span)
    }

    /// A closure-class object's `name` method as a handler: its body, run
    /// with `this` bound to the object (lifted into the handler's bundle).
    pub(super) fn method_handler(&mut self, this: Value, name: &str, span: Span) -> Eval<ClosureValue<'a>> {
        let Some(class) = self.app.object(&this).map(|object| object.class) else {
            return fail("E0500", "internal error: a handler object is not an object", span);
        };
        let found = self.sem.find_member(class, name).and_then(|(owner, member)| Some((owner, member.decl?)));
        let Some((owner, decl)) = found else {
            return fail("E0500", format!("internal error: no method `{name}`"), span);
        };
        let (Some(method), Some(info)) = (self.index.method(decl), self.sem.closures.get(decl)) else {
            return fail("E0500", "internal error: unchecked method", span);
        };
        let (Some(body), Some(class_env)) = (&method.body, self.app.class_envs.get(&owner).cloned()) else {
            return fail("E0500", "internal error: a handler method without a body", span);
        };
        let frame = Env::child(&class_env);
        if let Some(this_var) = info.this_var {
            frame.define(this_var, this);
        }
        Ok(ClosureValue { node: decl, body: FnBody::Method(body), phase: Phase::Inflight, env: frame, used_as: None })
    }

    pub(super) fn read_field(&self, object: &Value, name: &str) -> Value {
        self.app.object(object).and_then(|o| o.fields.get(name).cloned()).unwrap_or_default()
    }

    pub(super) fn write_field(&mut self, object: &Value, name: &str, value: Value, span: Span) -> Eval<()> {
        match object {
            Value::Ref(Ref { kind: RefKind::Object, id }) => {
                self.app.objects[*id as usize].fields.insert(name.to_string(), value);
                Ok(())
            }
            Value::Map(map) => {
                wing_std::value::insert_property(&mut map.borrow_mut(), name, value);
                Ok(())
            }
            _ => fail("E0500", "internal error: field of a non-object", span),
        }
    }

    /// `object.method` as a value.
    pub(super) fn bound_method(&mut self, this: Value, class: MethodReceiver, name: &str) -> Value {
        self.function_value(FunctionValue::Method { this, class, name: name.to_string() })
    }

    /// Calls a method: on the object's own class (overrides apply), or
    /// exactly the parent's for `super.m()`.
    pub(super) fn call_method(
        &mut self,
        this: Value,
        receiver: MethodReceiver,
        name: &str,
        args: Vec<Value>,
        span: Span,
    ) -> Eval<Value> {
        let class = match receiver {
            MethodReceiver::Super(class) => class,
            _ => match self.app.object(&this) {
                Some(object) => object.class,
                None => return fail("E0500", "internal error: method call on a non-object", span),
            },
        };
        let Some((owner, member)) = self.sem.find_member(class, name) else {
            return fail("E0500", format!("internal error: no method `{name}`"), span);
        };
        match (&member.kind, member.decl) {
            (MemberKind::Method(_), Some(decl)) => self.run_method(owner, decl, this, args, span),
            _ => fail("E0500", format!("internal error: `{name}` has no body"), span),
        }
    }

    pub(super) fn call_static(&mut self, class: ClassId, name: &str, args: Vec<Value>, span: Span) -> Eval<Value> {
        match self.sem.find_member(class, name).and_then(|(owner, m)| m.decl.map(|d| (owner, d))) {
            Some((owner, decl)) => self.run_method(owner, decl, Value::Nil, args, span),
            None => fail("E0500", format!("internal error: no static method `{name}`"), span),
        }
    }

    pub(super) fn add_resource(&mut self, scope: Option<ResourceId>, id: &str, type_name: &str, span: Span) -> Eval<ResourceId> {
        self.app.tree.add(scope, id, type_name, span).map_err(|duplicate| {
            super::eval::Flow::Error(Box::new(
                Diagnostic::error(
                    "E0509",
                    format!("there is already a resource named `{}` in `{}`", duplicate.id, duplicate.scope),
                    span,
                )
                .with_label("this would get the same path")
                .with_note("every resource needs an id that is unique within its scope; the default id is the type name")
                .with_help(format!("give it its own id: `new {type_name}() as \"my{}\"`", duplicate.id)),
            ))
        })
    }
}
