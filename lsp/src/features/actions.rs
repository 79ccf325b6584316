//! Diagnostics in LSP form (the compiler's own codes and messages, with
//! secondary spans as related locations, notes and help appended), the
//! quick fixes their help lines already spell out (a misspelled name, a
//! closure missing `inflight`), and whole-document formatting.

use super::location;
use crate::analysis::Analysis;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{
    CodeAction, CodeActionKind, Diagnostic, DiagnosticRelatedInformation, DiagnosticSeverity, NumberOrString, Position, Range,
    TextEdit, Uri, WorkspaceEdit,
};
use wingc::diagnostics::{self, Severity};
use wingc::syntax::ast::FileId;

/// The diagnostics located in `file`.
pub fn diagnostics(analysis: &Analysis, file: FileId) -> Vec<Diagnostic> {
    let lines = &analysis.lines[file.0 as usize];
    analysis
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.span.file == file)
        .map(|d| {
            let mut message = d.message.clone();
            for note in &d.notes {
                message.push_str(&format!("\nnote: {note}"));
            }
            if let Some(help) = &d.help {
                message.push_str(&format!("\nhelp: {help}"));
            }
            let related: Vec<DiagnosticRelatedInformation> = d
                .secondary
                .iter()
                .filter_map(|(span, text)| {
                    Some(DiagnosticRelatedInformation { location: location(analysis, *span)?, message: text.clone() })
                })
                .collect();
            Diagnostic {
                range: lines.range(d.span.start as usize, d.span.end as usize),
                severity: Some(match d.severity {
                    Severity::Error => DiagnosticSeverity::ERROR,
                    Severity::Warning => DiagnosticSeverity::WARNING,
                }),
                code: Some(NumberOrString::String(d.code.to_string())),
                source: Some("wingc".to_string()),
                message,
                related_information: (!related.is_empty()).then_some(related),
                ..Default::default()
            }
        })
        .collect()
}

/// The quick fix a diagnostic's help line names, if it names one.
fn fix(d: &diagnostics::Diagnostic, analysis: &Analysis) -> Option<(String, usize, usize, String)> {
    let help = d.help.as_deref()?;
    let (start, end) = (d.span.start as usize, d.span.end as usize);
    let suggested = help
        .strip_prefix("did you mean `")
        .and_then(|h| h.strip_suffix("`?"))
        .or_else(|| help.strip_prefix("a name with a similar spelling exists: `").and_then(|h| h.strip_suffix('`')));
    if let Some(best) = suggested {
        let replacement = best.strip_prefix("bring ").map_or(best, |b| b.trim_end_matches(';'));
        return Some((format!("Change to `{replacement}`"), start, end, replacement.to_string()));
    }
    if help.starts_with("mark the closure `inflight") && !analysis.checked.sources.snippet(d.span).starts_with("inflight") {
        return Some(("Mark the closure `inflight`".to_string(), start, start, "inflight ".to_string()));
    }
    None
}

/// Quick fixes for the diagnostics of `file` that overlap `range`.
pub fn code_actions(analysis: &Analysis, file: FileId, uri: &Uri, range: Range) -> Vec<CodeAction> {
    let lines = &analysis.lines[file.0 as usize];
    let (from, to) = (lines.offset(range.start), lines.offset(range.end));
    let lsp_diagnostics = diagnostics(analysis, file);
    analysis
        .checked
        .diagnostics
        .iter()
        .filter(|d| d.span.file == file)
        .enumerate()
        .filter(|(_, d)| (d.span.start as usize) <= to && from <= (d.span.end as usize))
        .filter_map(|(i, d)| {
            let (title, start, end, new_text) = fix(d, analysis)?;
            let edit = TextEdit { range: lines.range(start, end), new_text };
            Some(CodeAction {
                title,
                kind: Some(CodeActionKind::QUICKFIX),
                diagnostics: lsp_diagnostics.get(i).cloned().map(|d| vec![d]),
                edit: Some(WorkspaceEdit { changes: Some(HashMap::from([(uri.clone(), vec![edit])])), ..Default::default() }),
                is_preferred: Some(true),
                ..Default::default()
            })
        })
        .collect()
}

/// One edit replacing the whole text with its canonical layout (none when
/// it is already formatted or does not parse).
pub fn formatting(text: &str) -> Option<Vec<TextEdit>> {
    let formatted = wingc::format::format(text).ok()?;
    if formatted == text {
        return Some(Vec::new());
    }
    let end = crate::lines::LineIndex::new(text).position(text.len());
    Some(vec![TextEdit { range: Range { start: Position { line: 0, character: 0 }, end }, new_text: formatted }])
}
