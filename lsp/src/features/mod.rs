//! The editor features, each a function from an [`Analysis`] (and a
//! position) to an LSP answer. None of them mutates anything or does I/O.
//!
//! [`Analysis`]: crate::analysis::Analysis

pub mod actions;
pub mod complete;
pub mod hover;
pub mod navigate;
pub mod outline;

use crate::analysis::Analysis;
use tower_lsp_server::ls_types::{Location, Uri};
use wingc::syntax::ast::Span;

/// The LSP location of a span, when its file has a path.
pub fn location(analysis: &Analysis, span: Span) -> Option<Location> {
    let path = analysis.paths.get(span.file.0 as usize)?.as_ref()?;
    let uri = Uri::from_file_path(path)?;
    let lines = &analysis.lines[span.file.0 as usize];
    Some(Location { uri, range: lines.range(span.start as usize, span.end as usize) })
}
