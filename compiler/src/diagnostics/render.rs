//! Rendering: takes diagnostics and the source map, gives the text the CLI
//! prints (ariadne reports, no colour so snapshots are stable) or JSON for
//! tools (`--format json`).

use super::{Diagnostic, Severity, SourceMap};
use ariadne::{Config, Label, Report, ReportKind, Source};

/// All diagnostics as ariadne reports, in the order given.
pub fn render(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = Vec::new();
    for diagnostic in diagnostics {
        render_one(diagnostic, sources, &mut out);
    }
    String::from_utf8_lossy(&out).into_owned()
}

fn render_one(diagnostic: &Diagnostic, sources: &SourceMap, out: &mut Vec<u8>) {
    let file = sources.get(diagnostic.span.file);
    let kind = match diagnostic.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    let char_range = |span: crate::syntax::ast::Span| {
        let text = &sources.get(span.file).text;
        let start = text[..(span.start as usize).min(text.len())].chars().count();
        let end = text[..(span.end as usize).min(text.len())].chars().count();
        start..end.max(start)
    };
    let name = file.name.as_str();
    let mut report = Report::build(kind, (name, char_range(diagnostic.span)))
        .with_config(Config::default().with_color(false))
        .with_code(diagnostic.code)
        .with_message(&diagnostic.message)
        .with_label(
            Label::new((name, char_range(diagnostic.span)))
                .with_message(diagnostic.label.clone().unwrap_or_else(|| diagnostic.message.clone())),
        );
    for (span, text) in &diagnostic.secondary {
        if span.file == diagnostic.span.file {
            report = report.with_label(Label::new((name, char_range(*span))).with_message(text));
        }
    }
    for note in &diagnostic.notes {
        report = report.with_note(note);
    }
    if let Some(help) = &diagnostic.help {
        report = report.with_help(help);
    }
    let source = Source::from(file.text.as_str());
    // Writing into a Vec cannot fail.
    let _ = report.finish().write((name, source), &mut *out);
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
