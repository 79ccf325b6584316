//! Rendering: takes diagnostics and the source map, gives the text the CLI
//! prints (ariadne reports, no colour so snapshots are stable) or JSON for
//! tools (`--format json`).

use super::{Diagnostic, Severity, SourceMap};
use crate::syntax::ast::Span;
use ariadne::{Config, Label, Report, ReportKind};

/// All diagnostics as ariadne reports, in the order given.
pub fn render(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        render_one(diagnostic, sources, &mut out);
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn render_one(diagnostic: &Diagnostic, sources: &SourceMap, out: &mut Vec<u8>) {
    let kind = match diagnostic.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    let char_range = |span: Span| {
        let text = &sources.get(span.file).text;
        let start = text[..(span.start as usize).min(text.len())].chars().count();
        let end = text[..(span.end as usize).min(text.len())].chars().count();
        start..end.max(start)
    };
    let name = |span: Span| sources.get(span.file).name.clone();
    // Labels in source order, so ariadne shows the lines of one file in one
    // snippet (it starts a new snippet, under the primary location's header,
    // when a label comes before the one above it).
    let mut labels: Vec<(Span, String)> =
        vec![(diagnostic.span, diagnostic.label.clone().unwrap_or_else(|| diagnostic.message.clone()))];
    labels.extend(diagnostic.secondary.iter().cloned());
    labels.sort_by_key(|(span, _)| (span.file != diagnostic.span.file, span.file, span.start));
    let mut report = Report::build(kind, (name(diagnostic.span), char_range(diagnostic.span)))
        .with_config(Config::default().with_color(false))
        .with_code(diagnostic.code)
        .with_message(&diagnostic.message);
    for (order, (span, text)) in labels.into_iter().enumerate() {
        report = report.with_label(Label::new((name(span), char_range(span))).with_message(text).with_order(order as i32));
    }
    for note in &diagnostic.notes {
        report = report.with_note(note);
    }
    if let Some(help) = &diagnostic.help {
        report = report.with_help(help);
    }
    let files = sources.files().map(|(_, f)| (f.name.clone(), f.text.clone()));
    // Writing into a Vec cannot fail.
    let _ = report.finish().write(ariadne::sources(files), &mut *out);
}

/// Diagnostics as a JSON array (`--format json`): code, severity, message,
/// file, 1-based line/column of start and end, label, notes, help.
pub fn render_json(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let items: Vec<serde_json::Value> = diagnostics
        .iter()
        .map(|d| {
            let (line, col) = sources.line_col(d.span.file, d.span.start);
            let (end_line, end_col) = sources.line_col(d.span.file, d.span.end);
            serde_json::json!({
                "code": d.code,
                "severity": match d.severity { Severity::Error => "error", Severity::Warning => "warning" },
                "message": d.message,
                "file": sources.get(d.span.file).name,
                "line": line,
                "column": col,
                "endLine": end_line,
                "endColumn": end_col,
                "label": d.label,
                "notes": d.notes,
                "help": d.help,
            })
        })
        .collect();
    serde_json::to_string_pretty(&items).unwrap_or_default()
}
