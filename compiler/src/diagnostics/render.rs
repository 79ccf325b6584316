//! Rendering: takes diagnostics and the source map, gives the text the CLI
//! prints (ariadne reports, no colour so snapshots are stable) or JSON for
//! tools (`--format json`).
//!
//! The text shows at most [`MAX_SHOWN`] diagnostics (the rest are counted
//! in a last line), as rustc and clang stop after a number of errors: a
//! file with thousands of mistakes gets a readable report in linear time.
//! The files are indexed for ariadne once per call, and a line too long to
//! show (a machine-written file) is named, not printed. JSON gives every
//! diagnostic.

use super::{Diagnostic, Severity, SourceMap, floor_char_boundary};
use crate::syntax::ast::Span;
use ariadne::{Config, IndexType, Label, Report, ReportKind};
use std::fmt::Write;

/// How many diagnostics a report shows.
pub const MAX_SHOWN: usize = 100;

/// Lines longer than this (in bytes) are not printed in a report.
const MAX_SHOWN_LINE: usize = 1_000;

/// The first [`MAX_SHOWN`] diagnostics as ariadne reports, in the order
/// given, then how many more there are.
pub fn render(diagnostics: &[Diagnostic], sources: &SourceMap) -> String {
    let mut out = Vec::new();
    let mut cache = ariadne::sources(sources.files().map(|(_, f)| (f.name.clone(), f.text.clone())));
    for diagnostic in diagnostics.iter().take(MAX_SHOWN) {
        match long_line(diagnostic, sources) {
            Some(line) => out.extend(without_snippet(diagnostic, sources, line).into_bytes()),
            None => render_one(diagnostic, sources, &mut cache, &mut out),
        }
    }
    let mut text = String::from_utf8_lossy(&out).into_owned();
    text.push_str(&more_not_shown(diagnostics.len()));
    text
}

/// "… and 12 more" when more than [`MAX_SHOWN`] were found.
fn more_not_shown(count: usize) -> String {
    if count <= MAX_SHOWN {
        return String::new();
    }
    format!("note: stopping after {MAX_SHOWN} diagnostics; {} more not shown\n", count - MAX_SHOWN)
}

/// The 1-based number of a line too long to print that a label is on.
fn long_line(diagnostic: &Diagnostic, sources: &SourceMap) -> Option<usize> {
    let spans = std::iter::once(diagnostic.span).chain(diagnostic.secondary.iter().map(|(s, _)| *s));
    spans.into_iter().find_map(|span| {
        let file = sources.get(span.file);
        let (line, _) = sources.line_col(span.file, span.start);
        (file.line_len(line) > MAX_SHOWN_LINE).then_some(line)
    })
}

/// The report of a diagnostic on a line too long to show: where, what,
/// the labels' texts, notes and help, without the source.
fn without_snippet(diagnostic: &Diagnostic, sources: &SourceMap, long: usize) -> String {
    let kind = match diagnostic.severity {
        Severity::Error => "Error",
        Severity::Warning => "Warning",
    };
    let place = |span: Span| {
        let (line, col) = sources.line_col(span.file, span.start);
        format!("{}:{line}:{col}", sources.get(span.file).name)
    };
    let mut out = format!("[{}] {kind}: {}\n   ╭─[ {} ]\n", diagnostic.code, diagnostic.message, place(diagnostic.span));
    let length = sources.get(diagnostic.span.file).line_len(long);
    let _ = writeln!(out, "   │ (line {long} is {length} bytes long; it is not shown)");
    if let Some(label) = &diagnostic.label {
        let _ = writeln!(out, "   │ {label}");
    }
    for (span, text) in &diagnostic.secondary {
        let _ = writeln!(out, "   │ {}: {text}", place(*span));
    }
    for note in &diagnostic.notes {
        let _ = writeln!(out, "   │ Note: {note}");
    }
    if let Some(help) = &diagnostic.help {
        let _ = writeln!(out, "   │ Help: {help}");
    }
    out + "───╯\n"
}

fn render_one(diagnostic: &Diagnostic, sources: &SourceMap, cache: &mut impl ariadne::Cache<String>, out: &mut Vec<u8>) {
    let kind = match diagnostic.severity {
        Severity::Error => ReportKind::Error,
        Severity::Warning => ReportKind::Warning,
    };
    let byte_range = |span: Span| {
        let text = &sources.get(span.file).text;
        let start = floor_char_boundary(text, span.start as usize);
        start..floor_char_boundary(text, span.end as usize).max(start)
    };
    let name = |span: Span| sources.get(span.file).name.clone();
    // Labels in source order, so ariadne shows the lines of one file in one
    // snippet (it starts a new snippet, under the primary location's header,
    // when a label comes before the one above it).
    let mut labels: Vec<(Span, String)> =
        vec![(diagnostic.span, diagnostic.label.clone().unwrap_or_else(|| diagnostic.message.clone()))];
    labels.extend(diagnostic.secondary.iter().cloned());
    labels.sort_by_key(|(span, _)| (span.file != diagnostic.span.file, span.file, span.start));
    let mut report = Report::build(kind, (name(diagnostic.span), byte_range(diagnostic.span)))
        .with_config(Config::default().with_color(false).with_index_type(IndexType::Byte))
        .with_code(diagnostic.code)
        .with_message(&diagnostic.message);
    for (order, (span, text)) in labels.into_iter().enumerate() {
        report = report.with_label(Label::new((name(span), byte_range(span))).with_message(text).with_order(order as i32));
    }
    for note in &diagnostic.notes {
        report = report.with_note(note);
    }
    if let Some(help) = &diagnostic.help {
        report = report.with_help(help);
    }
    // Writing into a Vec cannot fail.
    let _ = report.finish().write(cache, &mut *out);
}

/// Diagnostics as a JSON array (`--format json`), every one of them:
/// code, severity, message, file, 1-based line/column of start and end,
/// label, notes, help.
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn at_most_max_shown_reports_then_a_count() {
        let mut sources = SourceMap::default();
        let file = sources.add("main.w", "let x = 1;\n".repeat(300));
        let diagnostics: Vec<Diagnostic> = (0..250usize)
            .map(|i| Diagnostic::error("E0102", format!("problem {i}"), Span::new(file, i * 11, i * 11 + 3)))
            .collect();
        let text = render(&diagnostics, &sources);
        assert_eq!(text.matches("Error: problem").count(), MAX_SHOWN);
        assert!(text.contains("Error: problem 99\n") && !text.contains("problem 100\n"));
        assert!(text.ends_with("note: stopping after 100 diagnostics; 150 more not shown\n"), "{text}");
        assert_eq!(render_json(&diagnostics, &sources).matches("\"code\"").count(), 250);
    }

    #[test]
    fn a_line_too_long_to_show_is_named() {
        let mut sources = SourceMap::default();
        let text = format!("let x = {};\n", vec!["1"; 2_000].join(" + "));
        let file = sources.add("main.w", text);
        let d = Diagnostic::error("E0008", "this code is nested too deeply", Span::new(file, 8, 100))
            .with_label("more than 256 levels")
            .with_help("split it up");
        assert_eq!(
            render(&[d], &sources),
            "[E0008] Error: this code is nested too deeply\n   ╭─[ main.w:1:9 ]\n   │ (line 1 is 8006 bytes long; it is not shown)\n   │ more than 256 levels\n   │ Help: split it up\n───╯\n"
        );
    }
}
