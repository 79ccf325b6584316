//! What the token printer cannot tell from tokens alone, read from the
//! AST: which `{` opens a block or declaration body (laid out one
//! statement per line) rather than a literal, which `{` opens an enum's
//! variant list, and which `<` `>` are type brackets rather than
//! comparisons.

use crate::syntax::ast::*;
use crate::syntax::visit::{self, Visitor};
use std::collections::HashSet;

/// Layout facts by byte offset of the token they are about.
#[derive(Default)]
pub(super) struct Hints {
    /// `{` of a block, class, interface or struct body.
    pub block_opens: HashSet<usize>,
    /// `{` of an enum's variants: one variant per line.
    pub list_opens: HashSet<usize>,
    /// Byte ranges where `<` and `>` bracket type arguments or parameters.
    pub type_ranges: Vec<(usize, usize)>,
    /// Where each declaration body may start (its `{` is the first one at
    /// or after this offset).
    pub body_after: Vec<(usize, BodyKind)>,
    /// Type parameter lists: from the declared name to the last parameter
    /// (the closing `>` is the first one after).
    pub type_params: Vec<(usize, usize)>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
pub(super) enum BodyKind {
    Block,
    List,
}

impl Hints {
    pub fn of(module: &Module) -> Hints {
        let mut hints = Hints::default();
        visit::walk_module(&mut hints, module);
        hints
    }

    pub fn is_type_bracket(&self, offset: usize) -> bool {
        self.type_ranges.iter().any(|(start, end)| (*start..*end).contains(&offset))
    }
}

fn end_of(spans: impl IntoIterator<Item = Span>) -> usize {
    spans.into_iter().map(|s| s.end as usize).max().unwrap_or(0)
}

impl Visitor<'_> for Hints {
    fn block(&mut self, block: &Block) {
        self.block_opens.insert(block.span.start as usize);
        visit::walk_block(self, block);
    }

    fn ty(&mut self, ty: &TypeAnnotation) {
        self.type_ranges.push((ty.span.start as usize, ty.span.end as usize));
        visit::walk_ty(self, ty);
    }

    fn method(&mut self, method: &MethodDecl) {
        let sig = &method.signature;
        if let Some(last) = sig.type_params.last() {
            self.type_params.push((sig.name.span.end as usize, last.span.end as usize));
        }
        visit::walk_method(self, method);
    }

    fn stmt(&mut self, stmt: &Stmt) {
        match &stmt.kind {
            StmtKind::Class(class) => {
                if let Some(last) = class.type_params.last() {
                    self.type_params.push((class.name.span.end as usize, last.span.end as usize));
                }
                let heads = std::iter::once(class.name.span)
                    .chain(class.type_params.iter().map(|p| p.span))
                    .chain(class.extends.iter().map(|e| e.span))
                    .chain(class.implements.iter().map(|i| i.span));
                self.body_after.push((end_of(heads), BodyKind::Block));
            }
            StmtKind::Interface(i) => {
                let heads = std::iter::once(i.name.span).chain(i.extends.iter().map(|e| e.span));
                self.body_after.push((end_of(heads), BodyKind::Block));
            }
            StmtKind::Struct(s) => {
                let heads = std::iter::once(s.name.span).chain(s.extends.iter().map(|e| e.span));
                self.body_after.push((end_of(heads), BodyKind::Block));
            }
            StmtKind::Enum(e) => self.body_after.push((e.name.span.end as usize, BodyKind::List)),
            StmtKind::ExternFunction(sig) => {
                if let Some(last) = sig.type_params.last() {
                    self.type_params.push((sig.name.span.end as usize, last.span.end as usize));
                }
            }
            _ => {}
        }
        visit::walk_stmt(self, stmt);
    }
}
