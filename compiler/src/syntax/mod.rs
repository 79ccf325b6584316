//! Syntax: takes source text, gives an [`ast::Module`] plus diagnostics.
//!
//! [`lexer`] (logos, with a mode stack for string interpolation) feeds the
//! lalrpop grammar in `grammar.lalrpop`. The parser recovers from errors so
//! later stages still see the rest of the file; unreadable parts become
//! `StmtKind::Error` / `ExprKind::Error`. Entry point: [`parse`].

pub mod ast;
mod closure_heads;
pub mod index;
pub mod lexer;
mod messages;
mod parser;
pub mod printer;
pub mod visit;

#[cfg(test)]
mod tests;

use crate::diagnostics::Diagnostic;
use ast::{FileId, NodeId};

pub use parser::MAX_DEPTH;

/// Hands out [`NodeId`]s, unique across every file of one compilation:
/// create one per compilation and pass it to each [`parse`] call (later
/// stages may use it for synthesized nodes too).
#[derive(Debug, Default)]
pub struct NodeIdGen {
    next: u32,
}

impl NodeIdGen {
    pub fn new() -> NodeIdGen {
        NodeIdGen::default()
    }

    /// A new, never used id.
    pub fn fresh(&mut self) -> NodeId {
        let id = NodeId(self.next);
        self.next += 1;
        id
    }

    /// How many ids have been handed out (ids are `0..count`).
    pub fn count(&self) -> u32 {
        self.next
    }

    pub(crate) fn peek(&self) -> u32 {
        self.next
    }

    pub(crate) fn advance_to(&mut self, next: u32) {
        self.next = self.next.max(next);
    }
}

/// Parses one file. Never panics: syntax errors (several per file, the
/// parser recovers) come back as diagnostics with codes E0001–E0099 (see
/// `spec/diagnostics.md`), and the module holds everything readable.
pub fn parse(text: &str, file: FileId, ids: &mut NodeIdGen) -> (ast::Module, Vec<Diagnostic>) {
    parser::parse_module(text, file, ids)
}
