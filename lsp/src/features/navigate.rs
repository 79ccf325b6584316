//! Go to definition, find references and rename: the occurrence under the
//! cursor, then every occurrence with the same target across the
//! program's files. Stdlib names are read-only: rename refuses them.

use super::location;
use crate::analysis::Analysis;
use crate::occurrences::Target;
use std::collections::HashMap;
use tower_lsp_server::ls_types::{Location, PrepareRenameResponse, TextEdit, Uri, WorkspaceEdit};
use wingc::check::{ClassKind, Owner, TypeRef};
use wingc::syntax::ast::{FileId, Span};

pub fn definition(analysis: &Analysis, file: FileId, offset: usize) -> Option<Location> {
    let occurrence = analysis.occurrence_at(file, offset)?;
    location(analysis, analysis.definition(&occurrence.target)?)
}

/// Every span naming the target under the cursor (its declaration too when
/// `with_declaration`).
pub fn reference_spans(analysis: &Analysis, file: FileId, offset: usize, with_declaration: bool) -> Option<Vec<Span>> {
    let target = &analysis.occurrence_at(file, offset)?.target;
    let mut spans: Vec<Span> =
        analysis.occurrences.iter().filter(|o| o.target == *target && (with_declaration || !o.is_def)).map(|o| o.span).collect();
    if with_declaration
        && let Some(def) = analysis.definition(target)
        && !spans.contains(&def)
    {
        spans.insert(0, def);
    }
    Some(spans)
}

pub fn references(analysis: &Analysis, file: FileId, offset: usize, with_declaration: bool) -> Vec<Location> {
    reference_spans(analysis, file, offset, with_declaration)
        .unwrap_or_default()
        .into_iter()
        .filter_map(|span| location(analysis, span))
        .collect()
}

/// Why the name under the cursor cannot be renamed, if it cannot.
fn rename_refusal(analysis: &Analysis, target: &Target) -> Option<&'static str> {
    let sem = &analysis.checked.semantics;
    let from_stdlib = match target {
        Target::Function { .. } | Target::Namespace(_) => true,
        Target::Type(TypeRef::Class(c)) | Target::Member { owner: Owner::Class(c), .. } => sem.class(*c).kind != ClassKind::User,
        Target::Var(v) => sem.var(*v).name == "this",
        _ => false,
    };
    let declared_in_stdlib = analysis.definition(target).is_none_or(|span| analysis.is_stdlib(span.file));
    (from_stdlib || declared_in_stdlib).then_some("this name comes from the standard library and cannot be renamed")
}

pub fn prepare_rename(analysis: &Analysis, file: FileId, offset: usize) -> Result<Option<PrepareRenameResponse>, String> {
    let Some(occurrence) = analysis.occurrence_at(file, offset) else { return Ok(None) };
    if let Some(why) = rename_refusal(analysis, &occurrence.target) {
        return Err(why.to_string());
    }
    let span = occurrence.span;
    Ok(Some(PrepareRenameResponse::Range(analysis.lines[file.0 as usize].range(span.start as usize, span.end as usize))))
}

pub fn rename(analysis: &Analysis, file: FileId, offset: usize, new_name: &str) -> Result<Option<WorkspaceEdit>, String> {
    let Some(occurrence) = analysis.occurrence_at(file, offset) else { return Ok(None) };
    if let Some(why) = rename_refusal(analysis, &occurrence.target) {
        return Err(why.to_string());
    }
    let valid = new_name.chars().next().is_some_and(|c| c.is_alphabetic() || c == '_')
        && new_name.chars().all(|c| c.is_alphanumeric() || c == '_');
    if !valid {
        return Err(format!("`{new_name}` is not a name"));
    }
    let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
    for span in reference_spans(analysis, file, offset, true).unwrap_or_default() {
        if let Some(place) = location(analysis, span) {
            changes.entry(place.uri).or_default().push(TextEdit { range: place.range, new_text: new_name.to_string() });
        }
    }
    Ok(Some(WorkspaceEdit { changes: Some(changes), ..Default::default() }))
}
