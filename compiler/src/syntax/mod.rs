//! Syntax: takes source text, gives an [`ast::Module`] plus diagnostics.
//!
//! [`lexer`] (logos, with a mode stack for string interpolation) feeds the
//! lalrpop grammar in `grammar.lalrpop`. The parser recovers from errors so
//! later stages still see the rest of the file.

pub mod ast;
