//! Finding declarations by id: takes parsed modules, gives each class
//! statement and each method declaration by its [`NodeId`], so later
//! stages can go from the checker's tables back to the code. Classes may
//! be declared in any block, also inside closures and methods.

use super::ast::{ClassDecl, ClassMember, MethodDecl, Module, NodeId, Stmt, StmtKind};
use super::visit::{self, Visitor};
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
            visit::walk_module(&mut index, module);
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
}

impl<'a> Visitor<'a> for DeclIndex<'a> {
    fn stmt(&mut self, stmt: &'a Stmt) {
        if let StmtKind::Class(class) = &stmt.kind {
            self.classes.insert(stmt.id, class);
            for member in &class.members {
                if let ClassMember::Method(method) = member {
                    self.methods.insert(method.id, method);
                }
            }
        }
        visit::walk_stmt(self, stmt);
    }
}
