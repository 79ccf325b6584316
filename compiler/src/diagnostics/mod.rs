//! Diagnostics: every user error is a [`Diagnostic`] value with a code, a
//! message, a primary span and optional labels, notes and a help line.
//!
//! Stages push diagnostics into a `Vec<Diagnostic>`; nothing here prints on
//! its own. [`render`] turns them into ariadne reports (`file:line:col`, the
//! labelled source line) for the CLI; the LSP maps the same values to its
//! protocol. [`SourceMap`] holds every file of a compilation.

mod render;

pub use render::{render, render_json};

use crate::syntax::ast::{FileId, Span};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Severity {
    Error,
    Warning,
}

/// One problem found in the user's program.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Diagnostic {
    /// Stable code, e.g. `E0001`; see `spec/diagnostics.md`.
    pub code: &'static str,
    pub severity: Severity,
    /// What is wrong, in the user's words.
    pub message: String,
    /// Where it is wrong.
    pub span: Span,
    /// Text shown on the primary span (defaults to the message).
    pub label: Option<String>,
    /// Further spans with their text (e.g. "first declared here").
    pub secondary: Vec<(Span, String)>,
    /// Why, or background.
    pub notes: Vec<String>,
    /// How to fix it.
    pub help: Option<String>,
}

impl Diagnostic {
    pub fn error(code: &'static str, message: impl Into<String>, span: Span) -> Diagnostic {
        Diagnostic {
            code,
            severity: Severity::Error,
            message: message.into(),
            span,
            label: None,
            secondary: Vec::new(),
            notes: Vec::new(),
            help: None,
        }
    }

    pub fn with_label(mut self, label: impl Into<String>) -> Diagnostic {
        self.label = Some(label.into());
        self
    }

    pub fn with_secondary(mut self, span: Span, text: impl Into<String>) -> Diagnostic {
        self.secondary.push((span, text.into()));
        self
    }

    pub fn with_note(mut self, note: impl Into<String>) -> Diagnostic {
        self.notes.push(note.into());
        self
    }

    pub fn with_help(mut self, help: impl Into<String>) -> Diagnostic {
        self.help = Some(help.into());
        self
    }

    pub fn is_error(&self) -> bool {
        self.severity == Severity::Error
    }
}

/// One source file of a compilation.
#[derive(Debug, Clone)]
pub struct SourceFile {
    /// Name shown in messages (as the user gave it, e.g. `main.w`).
    pub name: String,
    pub text: String,
    /// Byte offset where each line starts.
    line_starts: Vec<u32>,
    /// Whether the text is all ASCII (a column is then a byte distance).
    ascii: bool,
}

impl SourceFile {
    /// The length in bytes of a 1-based line, without its line break.
    pub fn line_len(&self, line: usize) -> usize {
        let start = self.line_starts.get(line.wrapping_sub(1)).map_or(self.text.len(), |s| *s as usize);
        let end = self.line_starts.get(line).map_or(self.text.len(), |s| *s as usize - 1);
        end.saturating_sub(start)
    }
}

/// Every file of a compilation, addressed by [`FileId`].
#[derive(Debug, Clone, Default)]
pub struct SourceMap {
    files: Vec<SourceFile>,
}

impl SourceMap {
    pub fn add(&mut self, name: impl Into<String>, text: impl Into<String>) -> FileId {
        let text = text.into();
        let line_starts = std::iter::once(0).chain(text.match_indices('\n').map(|(i, _)| i as u32 + 1)).collect();
        let ascii = text.is_ascii();
        self.files.push(SourceFile { name: name.into(), text, line_starts, ascii });
        FileId(self.files.len() as u32 - 1)
    }

    pub fn get(&self, id: FileId) -> &SourceFile {
        &self.files[id.0 as usize]
    }

    pub fn files(&self) -> impl Iterator<Item = (FileId, &SourceFile)> {
        self.files.iter().enumerate().map(|(i, f)| (FileId(i as u32), f))
    }

    /// 1-based line and column (in characters) of a byte offset.
    pub fn line_col(&self, file: FileId, offset: u32) -> (usize, usize) {
        let file = self.get(file);
        let offset = floor_char_boundary(&file.text, offset as usize);
        let line = file.line_starts.partition_point(|start| *start as usize <= offset);
        let line_start = file.line_starts[line - 1] as usize;
        let col = if file.ascii { offset - line_start } else { file.text[line_start..offset].chars().count() } + 1;
        (line, col)
    }

    /// The source text a span covers.
    pub fn snippet(&self, span: Span) -> &str {
        let text = &self.get(span.file).text;
        let start = floor_char_boundary(text, span.start as usize);
        let end = floor_char_boundary(text, span.end as usize).max(start);
        &text[start..end]
    }
}

pub(crate) fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    offset = offset.min(text.len());
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}
