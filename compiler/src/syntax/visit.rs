//! A read-only walk over the AST: takes a [`Module`] and a [`Visitor`],
//! calls the visitor on every statement, block, expression, type
//! annotation, class member and declared name, parents before children, in
//! source order. The formatter and the language server use it to find
//! things by position, and [`super::index`] to find declarations, without
//! each spelling out every node kind. Nodes are visited by reference with
//! the tree's lifetime, so a visitor may keep what it finds.
//!
//! Override a method to look at a node; call the matching `walk_*` inside
//! it to go on into the node's children.

use super::ast::*;

/// What the walk calls. Every method's default goes on into the children.
pub trait Visitor<'a> {
    fn stmt(&mut self, stmt: &'a Stmt) {
        walk_stmt(self, stmt);
    }
    fn block(&mut self, block: &'a Block) {
        walk_block(self, block);
    }
    fn expr(&mut self, expr: &'a Expr) {
        walk_expr(self, expr);
    }
    fn ty(&mut self, ty: &'a TypeAnnotation) {
        walk_ty(self, ty);
    }
    fn user_type(&mut self, _ty: &'a UserTypeRef) {}
    fn method(&mut self, method: &'a MethodDecl) {
        walk_method(self, method);
    }
    fn param(&mut self, param: &'a Param) {
        self.ty(&param.ty);
    }
}

pub fn walk_module<'a, V: Visitor<'a> + ?Sized>(v: &mut V, module: &'a Module) {
    for stmt in &module.stmts {
        v.stmt(stmt);
    }
}

pub fn walk_block<'a, V: Visitor<'a> + ?Sized>(v: &mut V, block: &'a Block) {
    for stmt in &block.stmts {
        v.stmt(stmt);
    }
}

pub fn walk_stmt<'a, V: Visitor<'a> + ?Sized>(v: &mut V, stmt: &'a Stmt) {
    match &stmt.kind {
        StmtKind::Bring { .. } | StmtKind::Break | StmtKind::Continue | StmtKind::Error => {}
        StmtKind::Let { ty, value, .. } => {
            if let Some(ty) = ty {
                v.ty(ty);
            }
            v.expr(value);
        }
        StmtKind::Assign { target, value, .. } => {
            v.expr(target);
            v.expr(value);
        }
        StmtKind::Expr(e) | StmtKind::Throw(e) => v.expr(e),
        StmtKind::Return(e) => {
            if let Some(e) = e {
                v.expr(e);
            }
        }
        StmtKind::If { cond, then, otherwise } => {
            v.expr(cond);
            v.block(then);
            if let Some(b) = otherwise {
                v.block(b);
            }
        }
        StmtKind::IfLet { value, then, otherwise, .. } => {
            v.expr(value);
            v.block(then);
            if let Some(b) = otherwise {
                v.block(b);
            }
        }
        StmtKind::For { iterable, body, .. } => {
            v.expr(iterable);
            v.block(body);
        }
        StmtKind::While { cond, body } => {
            v.expr(cond);
            v.block(body);
        }
        StmtKind::Try { body, catch, finally } => {
            v.block(body);
            if let Some(c) = catch {
                v.block(&c.body);
            }
            if let Some(f) = finally {
                v.block(f);
            }
        }
        StmtKind::Block(b) | StmtKind::Test { body: b, .. } => v.block(b),
        StmtKind::Lift { qualifications, body } => {
            for q in qualifications {
                v.expr(&q.target);
            }
            v.block(body);
        }
        StmtKind::Class(class) => {
            if let Some(parent) = &class.extends {
                v.user_type(parent);
            }
            for i in &class.implements {
                v.user_type(i);
            }
            for member in &class.members {
                match member {
                    ClassMember::Field { ty, .. } => v.ty(ty),
                    ClassMember::Method(m) => v.method(m),
                }
            }
        }
        StmtKind::Interface(i) => {
            for e in &i.extends {
                v.user_type(e);
            }
            for m in &i.members {
                v.method(m);
            }
        }
        StmtKind::Struct(s) => {
            for e in &s.extends {
                v.user_type(e);
            }
            for f in &s.fields {
                v.ty(&f.ty);
            }
        }
        StmtKind::Enum(_) => {}
        StmtKind::ExternFunction(sig) => walk_signature(v, sig),
        StmtKind::ExternConstant { ty, .. } => v.ty(ty),
    }
}

pub fn walk_method<'a, V: Visitor<'a> + ?Sized>(v: &mut V, method: &'a MethodDecl) {
    walk_signature(v, &method.signature);
    if let Some(body) = &method.body {
        v.block(body);
    }
}

pub fn walk_signature<'a, V: Visitor<'a> + ?Sized>(v: &mut V, sig: &'a FunctionSignatureDecl) {
    for p in &sig.params {
        v.param(p);
    }
    if let Some(ret) = &sig.return_type {
        v.ty(ret);
    }
}

pub fn walk_ty<'a, V: Visitor<'a> + ?Sized>(v: &mut V, ty: &'a TypeAnnotation) {
    match &ty.kind {
        TypeAnnotationKind::Named { args, .. } => {
            for a in args {
                v.ty(a);
            }
        }
        TypeAnnotationKind::Optional(inner) => v.ty(inner),
        TypeAnnotationKind::Inferred => {}
        TypeAnnotationKind::Function { params, result, .. } => {
            for p in params {
                v.ty(p);
            }
            v.ty(result);
        }
    }
}

pub fn walk_expr<'a, V: Visitor<'a> + ?Sized>(v: &mut V, expr: &'a Expr) {
    match &expr.kind {
        ExprKind::Nil
        | ExprKind::Bool(_)
        | ExprKind::Num(_)
        | ExprKind::Duration(_)
        | ExprKind::Str(_)
        | ExprKind::Ident(_)
        | ExprKind::Intrinsic(_)
        | ExprKind::Error => {}
        ExprKind::Interpolated(parts) => {
            for part in parts {
                if let InterpolationPart::Expr(e) = part {
                    v.expr(e);
                }
            }
        }
        ExprKind::Member { object, .. } => v.expr(object),
        ExprKind::Call { callee, args } => {
            v.expr(callee);
            for a in args {
                v.expr(&a.value);
            }
        }
        ExprKind::Index { object, index } => {
            v.expr(object);
            v.expr(index);
        }
        ExprKind::Unary { operand, .. } => v.expr(operand),
        ExprKind::Binary { left, right, .. } => {
            v.expr(left);
            v.expr(right);
        }
        ExprKind::Range { start, end, .. } => {
            v.expr(start);
            v.expr(end);
        }
        ExprKind::New { class, args, id, scope } => {
            v.user_type(class);
            for a in args {
                v.expr(&a.value);
            }
            if let Some(id) = id {
                v.expr(id);
            }
            if let Some(scope) = scope {
                v.expr(scope);
            }
        }
        ExprKind::Closure(c) => {
            for p in &c.params {
                v.param(p);
            }
            if let Some(ret) = &c.return_type {
                v.ty(ret);
            }
            v.block(&c.body);
        }
        ExprKind::ArrayLiteral { ty, items } => {
            if let Some(ty) = ty {
                v.ty(ty);
            }
            for i in items {
                v.expr(i);
            }
        }
        ExprKind::MapLiteral { ty, entries } => {
            if let Some(ty) = ty {
                v.ty(ty);
            }
            for (k, val) in entries {
                v.expr(k);
                v.expr(val);
            }
        }
        ExprKind::JsonLiteral { fields, .. } => {
            for (_, val) in fields {
                v.expr(val);
            }
        }
        ExprKind::JsonValue { value, .. } => v.expr(value),
        ExprKind::StructLiteral { ty, fields } => {
            v.user_type(ty);
            for (_, val) in fields {
                v.expr(val);
            }
        }
    }
}
