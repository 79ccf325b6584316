//! What the editor paints and lists: document symbols (the file's
//! declarations, classes with their members), semantic tokens (every name
//! by kind, with a `preflight` or `inflight` modifier from the phase of the
//! code it is in) and inlay hints (the inferred type of a `let` or closure
//! parameter written without one).

use crate::analysis::Analysis;
use crate::occurrences::Target;
use tower_lsp_server::ls_types::{
    DocumentSymbol, InlayHint, InlayHintKind, InlayHintLabel, SemanticToken, SemanticTokenModifier, SemanticTokenType,
    SemanticTokensLegend, SymbolKind,
};
use wingc::check::{ClassKind, Owner, TypeRef, Types};
use wingc::syntax::ast::*;
use wingc::syntax::visit::{self, Visitor};

pub fn legend() -> SemanticTokensLegend {
    SemanticTokensLegend {
        token_types: vec![
            SemanticTokenType::NAMESPACE,
            SemanticTokenType::CLASS,
            SemanticTokenType::STRUCT,
            SemanticTokenType::INTERFACE,
            SemanticTokenType::ENUM,
            SemanticTokenType::ENUM_MEMBER,
            SemanticTokenType::PROPERTY,
            SemanticTokenType::METHOD,
            SemanticTokenType::FUNCTION,
            SemanticTokenType::VARIABLE,
            SemanticTokenType::PARAMETER,
        ],
        token_modifiers: vec![
            SemanticTokenModifier::DECLARATION,
            SemanticTokenModifier::new("preflight"),
            SemanticTokenModifier::new("inflight"),
            SemanticTokenModifier::DEFAULT_LIBRARY,
        ],
    }
}

/// Token type index in [`legend`].
fn token_type(analysis: &Analysis, target: &Target) -> u32 {
    let sem = &analysis.checked.semantics;
    match target {
        Target::Namespace(_) => 0,
        Target::Type(TypeRef::Class(_)) => 1,
        Target::Type(TypeRef::Struct(_)) => 2,
        Target::Type(TypeRef::Interface(_)) => 3,
        Target::Type(TypeRef::Enum(_)) => 4,
        Target::EnumVariant { .. } => 5,
        Target::StructField { .. } => 6,
        Target::Member { owner, name } => {
            let member = match owner {
                Owner::Class(c) => sem.class(*c).own_member(name),
                Owner::Interface(i) => sem.interface(*i).members.iter().find(|m| m.name == *name),
            };
            if member.is_some_and(|m| matches!(m.kind, wingc::check::MemberKind::Method(_))) { 7 } else { 6 }
        }
        Target::Function { .. } => 8,
        Target::Var(v) if sem.var(*v).kind == wingc::check::VarKind::Param => 10,
        Target::Var(_) => 9,
    }
}

fn from_stdlib(analysis: &Analysis, target: &Target) -> bool {
    let sem = &analysis.checked.semantics;
    match target {
        Target::Function { .. } => true,
        Target::Type(TypeRef::Class(c)) | Target::Member { owner: Owner::Class(c), .. } => sem.class(*c).kind != ClassKind::User,
        _ => false,
    }
}

pub fn semantic_tokens(analysis: &Analysis, file: FileId) -> Vec<SemanticToken> {
    let lines = &analysis.lines[file.0 as usize];
    let mut tokens = Vec::new();
    let (mut last_line, mut last_start) = (0, 0);
    for o in analysis.occurrences.iter().filter(|o| o.span.file == file) {
        let start = lines.position(o.span.start as usize);
        let end = lines.position(o.span.end as usize);
        if end.line != start.line {
            continue;
        }
        let mut modifiers = if o.is_def { 1 } else { 0 };
        modifiers |= match analysis.phase_at(file, o.span.start as usize) {
            Phase::Inflight => 4,
            _ => 2,
        };
        if from_stdlib(analysis, &o.target) {
            modifiers |= 8;
        }
        let delta_line = start.line - last_line;
        let delta_start = if delta_line == 0 { start.character - last_start } else { start.character };
        tokens.push(SemanticToken {
            delta_line,
            delta_start,
            length: end.character - start.character,
            token_type: token_type(analysis, &o.target),
            token_modifiers_bitset: modifiers,
        });
        (last_line, last_start) = (start.line, start.character);
    }
    tokens
}

pub fn inlay_hints(analysis: &Analysis, file: FileId) -> Vec<InlayHint> {
    let Some(module) = analysis.module(file) else { return Vec::new() };
    let mut hints = Hints { analysis, out: Vec::new() };
    visit::walk_module(&mut hints, module);
    let lines = &analysis.lines[file.0 as usize];
    hints
        .out
        .into_iter()
        .map(|(at, text)| InlayHint {
            position: lines.position(at as usize),
            label: InlayHintLabel::String(text),
            kind: Some(InlayHintKind::TYPE),
            text_edits: None,
            tooltip: None,
            padding_left: None,
            padding_right: None,
            data: None,
        })
        .collect()
}

struct Hints<'a> {
    analysis: &'a Analysis,
    /// Offset and label of each hint.
    out: Vec<(u32, String)>,
}

impl Hints<'_> {
    fn var_type(&mut self, var: wingc::check::VarId, at: u32) {
        let sem = &self.analysis.checked.semantics;
        let ty = sem.var(var).ty;
        if ty != Types::ERROR {
            self.out.push((at, format!(": {}", sem.types.display(ty))));
        }
    }
}

impl Visitor<'_> for Hints<'_> {
    fn stmt(&mut self, stmt: &Stmt) {
        if let StmtKind::Let { name, ty: None, .. } = &stmt.kind
            && let Some(v) = self.analysis.checked.semantics.declared.get(stmt.id).copied()
        {
            self.var_type(v, name.span.end);
        }
        visit::walk_stmt(self, stmt);
    }

    fn expr(&mut self, expr: &Expr) {
        if let ExprKind::Closure(c) = &expr.kind
            && let Some(info) = self.analysis.checked.semantics.closures.get(expr.id)
        {
            let params: Vec<_> = c.params.iter().zip(info.params.clone()).collect();
            for (p, v) in params {
                if matches!(p.ty.kind, TypeAnnotationKind::Inferred) {
                    self.var_type(v, p.name.span.end);
                }
            }
        }
        visit::walk_expr(self, expr);
    }
}

pub fn document_symbols(analysis: &Analysis, file: FileId) -> Vec<DocumentSymbol> {
    let Some(module) = analysis.module(file) else { return Vec::new() };
    let lines = &analysis.lines[file.0 as usize];
    let symbol = |name: &str, kind: SymbolKind, span: Span, name_span: Span, children: Vec<DocumentSymbol>| {
        #[allow(deprecated)]
        DocumentSymbol {
            name: if name.is_empty() { "_".to_string() } else { name.to_string() },
            detail: None,
            kind,
            tags: None,
            deprecated: None,
            range: lines.range(span.start as usize, span.end as usize),
            selection_range: lines.range(name_span.start as usize, name_span.end as usize),
            children: (!children.is_empty()).then_some(children),
        }
    };
    let mut out = Vec::new();
    for stmt in &module.stmts {
        match &stmt.kind {
            StmtKind::Let { name, value, .. } => {
                let kind = if matches!(value.kind, ExprKind::Closure(_)) { SymbolKind::FUNCTION } else { SymbolKind::VARIABLE };
                out.push(symbol(&name.name, kind, stmt.span, name.span, Vec::new()));
            }
            StmtKind::Class(c) => {
                let members = c
                    .members
                    .iter()
                    .map(|m| match m {
                        ClassMember::Field { name, span, .. } => {
                            symbol(&name.name, SymbolKind::FIELD, *span, name.span, Vec::new())
                        }
                        ClassMember::Method(m) => {
                            let kind = if m.is_constructor { SymbolKind::CONSTRUCTOR } else { SymbolKind::METHOD };
                            symbol(&m.signature.name.name, kind, m.span, m.signature.name.span, Vec::new())
                        }
                    })
                    .collect();
                out.push(symbol(&c.name.name, SymbolKind::CLASS, stmt.span, c.name.span, members));
            }
            StmtKind::Interface(i) => {
                let members = i
                    .members
                    .iter()
                    .map(|m| symbol(&m.signature.name.name, SymbolKind::METHOD, m.span, m.signature.name.span, Vec::new()));
                out.push(symbol(&i.name.name, SymbolKind::INTERFACE, stmt.span, i.name.span, members.collect()));
            }
            StmtKind::Struct(s) => {
                let fields = s.fields.iter().map(|f| symbol(&f.name.name, SymbolKind::FIELD, f.span, f.name.span, Vec::new()));
                out.push(symbol(&s.name.name, SymbolKind::STRUCT, stmt.span, s.name.span, fields.collect()));
            }
            StmtKind::Enum(e) => {
                let variants = e.variants.iter().map(|v| symbol(&v.name, SymbolKind::ENUM_MEMBER, v.span, v.span, Vec::new()));
                out.push(symbol(&e.name.name, SymbolKind::ENUM, stmt.span, e.name.span, variants.collect()));
            }
            StmtKind::Test { name, name_span, .. } => {
                out.push(symbol(&format!("test \"{name}\""), SymbolKind::METHOD, stmt.span, *name_span, Vec::new()))
            }
            _ => {}
        }
    }
    out
}
