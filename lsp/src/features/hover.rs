//! Hover: the name under the cursor with its type, its phase and the
//! comment above its declaration (stdlib members included); for any other
//! expression, its type.

use crate::analysis::Analysis;
use crate::occurrences::Target;
use tower_lsp_server::ls_types::{Hover, HoverContents, MarkupContent, MarkupKind};
use wingc::check::{MemberKind, Owner, Semantics, TypeRef};
use wingc::syntax::ast::{FileId, Phase};

pub fn hover(analysis: &Analysis, file: FileId, offset: usize) -> Option<Hover> {
    let occurrence = analysis.occurrence_at(file, offset)?;
    let sem = &analysis.checked.semantics;
    let signature = match &occurrence.target {
        Target::Function { .. } => declaration_line(analysis, &occurrence.target)?,
        target => describe(sem, target)?,
    };
    let mut text = format!("```wing\n{signature}\n```");
    if let Some(doc) = analysis.definition(&occurrence.target).and_then(|span| analysis.doc_comment(span)) {
        text.push_str("\n\n");
        text.push_str(&doc);
    }
    let span = occurrence.span;
    Some(Hover {
        contents: HoverContents::Markup(MarkupContent { kind: MarkupKind::Markdown, value: text }),
        range: Some(analysis.lines[file.0 as usize].range(span.start as usize, span.end as usize)),
    })
}

pub fn phase_word(phase: Phase) -> &'static str {
    match phase {
        Phase::Preflight => "preflight",
        Phase::Inflight => "inflight",
        Phase::Independent => "unphased",
    }
}

/// One line saying what a target is: `let x: num (preflight)`,
/// `inflight cloud.Bucket.put(str, str): void`.
pub fn describe(sem: &Semantics, target: &Target) -> Option<String> {
    Some(match target {
        Target::Var(v) => {
            let var = sem.var(*v);
            let keyword = if var.reassignable { "let var" } else { "let" };
            format!("{keyword} {}: {} ({})", var.name, sem.types.display(var.ty), phase_word(var.phase))
        }
        Target::Type(TypeRef::Class(c)) => {
            let class = sem.class(*c);
            format!("{} class {}", phase_word(class.phase), class.qualified)
        }
        Target::Type(TypeRef::Struct(s)) => {
            let info = sem.structure(*s);
            let fields: Vec<String> = info.fields.iter().map(|(n, t)| format!("  {n}: {};", sem.types.display(*t))).collect();
            format!("struct {} {{\n{}\n}}", info.qualified, fields.join("\n"))
        }
        Target::Type(TypeRef::Interface(i)) => format!("interface {}", sem.interface(*i).qualified),
        Target::Type(TypeRef::Enum(e)) => {
            let info = sem.enumeration(*e);
            format!("enum {} {{ {} }}", info.qualified, info.variants.join(", "))
        }
        Target::Member { owner, name } => {
            let (owner_name, member) = match owner {
                Owner::Class(c) => (&sem.class(*c).qualified, sem.class(*c).own_member(name)?),
                Owner::Interface(i) => {
                    (&sem.interface(*i).qualified, sem.interface(*i).members.iter().find(|m| m.name == *name)?)
                }
            };
            let statics = if member.is_static { "static " } else { "" };
            let phase = phase_word(member.phase);
            match &member.kind {
                MemberKind::Method(f) => format!("{statics}{phase} {owner_name}.{name}{}", signature_text(sem, f)),
                MemberKind::Property(t) | MemberKind::Field { ty: t, .. } => {
                    format!("{statics}{phase} {owner_name}.{name}: {}", sem.types.display(*t))
                }
            }
        }
        Target::StructField { id, name } => {
            let info = sem.structure(*id);
            format!("{}.{name}: {}", info.qualified, sem.types.display(info.field(name)?))
        }
        Target::EnumVariant { id, name } => format!("{}.{name}", sem.enumeration(*id).qualified),
        Target::Function { module, name } => {
            let qualified = if module == "std" { name.clone() } else { format!("{module}.{name}") };
            format!("{qualified} (stdlib function)")
        }
        Target::Namespace(name) => format!("bring {name}"),
    })
}

/// `(key: str, value: str): void` without parameter names: `(str, str): void`.
pub fn signature_text(sem: &Semantics, f: &wingc::check::FunctionType) -> String {
    let params: Vec<String> = f.params.iter().map(|p| sem.types.display(*p)).collect();
    format!("({}): {}", params.join(", "), sem.types.display(f.result))
}

/// The source line declaring a stdlib function, without `pub extern`.
fn declaration_line(analysis: &Analysis, target: &Target) -> Option<String> {
    let span = analysis.definition(target)?;
    let text = analysis.text(span.file);
    let start = text[..span.start as usize].rfind('\n').map_or(0, |i| i + 1);
    let end = text[span.start as usize..].find('\n').map_or(text.len(), |i| span.start as usize + i);
    let line = text[start..end].trim().trim_end_matches(';');
    Some(line.trim_start_matches("pub ").trim_start_matches("extern ").to_string())
}
