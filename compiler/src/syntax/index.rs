//! Finding declarations by id: takes parsed modules, gives each class
//! statement and each method declaration by its [`NodeId`], so later
//! stages can go from the checker's tables back to the code. Classes may
//! be declared in any block, also inside closures and methods.

use super::ast::{Block, ClassDecl, ClassMember, Expr, ExprKind, InterpolationPart, MethodDecl, Module, NodeId, Stmt, StmtKind};
use std::collections::HashMap;

/// Class statements and method declarations of a set of modules.
#[derive(Debug, Default)]
pub struct DeclIndex<'a> {
    classes: HashMap<NodeId, &'a ClassDecl>,
    methods: HashMap<NodeId, &'a MethodDecl>,
}

impl<'a> DeclIndex<'a> {
    pub fn new(modules: impl IntoIterator<Item = &'a Module>) -> DeclIndex<'a> {
        let mut index = DeclIndex::default();
        for module in modules {
            index.stmts(&module.stmts);
        }
        index
    }

    /// The `class` statement with this id.
    pub fn class(&self, id: NodeId) -> Option<&'a ClassDecl> {
        self.classes.get(&id).copied()
    }

    /// The method (or constructor) declaration with this id.
    pub fn method(&self, id: NodeId) -> Option<&'a MethodDecl> {
        self.methods.get(&id).copied()
    }

    fn stmts(&mut self, stmts: &'a [Stmt]) {
        for stmt in stmts {
            self.stmt(stmt);
        }
    }

    fn block(&mut self, block: &'a Block) {
        self.stmts(&block.stmts);
    }

    fn stmt(&mut self, stmt: &'a Stmt) {
        match &stmt.kind {
            StmtKind::Class(class) => {
                self.classes.insert(stmt.id, class);
                for member in &class.members {
                    if let ClassMember::Method(method) = member {
                        self.methods.insert(method.id, method);
                        if let Some(body) = &method.body {
                            self.block(body);
                        }
                    }
                }
            }
            StmtKind::Let { value: e, .. } | StmtKind::Expr(e) | StmtKind::Throw(e) | StmtKind::Return(Some(e)) => self.expr(e),
            StmtKind::Assign { target, value, .. } => {
                self.expr(target);
                self.expr(value);
            }
            StmtKind::If { cond: e, then, otherwise } | StmtKind::IfLet { value: e, then, otherwise, .. } => {
                self.expr(e);
                self.block(then);
                if let Some(otherwise) = otherwise {
                    self.block(otherwise);
                }
            }
            StmtKind::For { iterable: e, body, .. } | StmtKind::While { cond: e, body } => {
                self.expr(e);
                self.block(body);
            }
            StmtKind::Try { body, catch, finally } => {
                self.block(body);
                if let Some(catch) = catch {
                    self.block(&catch.body);
                }
                if let Some(finally) = finally {
                    self.block(finally);
                }
            }
            StmtKind::Block(block) | StmtKind::Test { body: block, .. } | StmtKind::Lift { body: block, .. } => self.block(block),
            _ => {}
        }
    }

    fn expr(&mut self, expr: &'a Expr) {
        match &expr.kind {
            ExprKind::Closure(closure) => self.block(&closure.body),
            ExprKind::Interpolated(parts) => {
                for part in parts {
                    if let InterpolationPart::Expr(e) = part {
                        self.expr(e);
                    }
                }
            }
            ExprKind::Member { object, .. }
            | ExprKind::Unary { operand: object, .. }
            | ExprKind::JsonValue { value: object, .. } => self.expr(object),
            ExprKind::Call { callee, args } => {
                self.expr(callee);
                args.iter().for_each(|a| self.expr(&a.value));
            }
            ExprKind::New { args, id, scope, .. } => {
                args.iter().for_each(|a| self.expr(&a.value));
                id.iter().chain(scope.iter()).for_each(|e| self.expr(e));
            }
            ExprKind::Index { object: a, index: b }
            | ExprKind::Binary { left: a, right: b, .. }
            | ExprKind::Range { start: a, end: b, .. } => {
                self.expr(a);
                self.expr(b);
            }
            ExprKind::ArrayLiteral { items, .. } => items.iter().for_each(|e| self.expr(e)),
            ExprKind::MapLiteral { entries, .. } => entries.iter().for_each(|(k, v)| {
                self.expr(k);
                self.expr(v);
            }),
            ExprKind::JsonLiteral { fields, .. } | ExprKind::StructLiteral { fields, .. } => {
                fields.iter().for_each(|(_, v)| self.expr(v))
            }
            _ => {}
        }
    }
}
