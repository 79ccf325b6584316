//! Completion and signature help.
//!
//! After a `.`, the members of the object's type are offered, filtered by
//! the phase of the code around the cursor: the type is read from an
//! earlier analysis when the edit since cannot have changed it
//! ([`members_from_earlier`]), else from a check of the text with a
//! placeholder name at the cursor (so `bucket.` parses as a member
//! access). Elsewhere: the names in scope, the program's types, brought
//! modules, keywords, and the fields of the struct being written (in a
//! struct literal or as named arguments). After `bring`: the stdlib
//! modules.

use super::hover::{describe, phase_word, signature_text};
use crate::analysis::Analysis;
use crate::occurrences::Target;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, ParameterInformation, ParameterLabel, SignatureHelp, SignatureInformation,
};
use wingc::check::{ClassId, ClassKind, MemberInfo, MemberKind, NameRef, Semantics, Type, TypeId, TypeRef, VarKind};
use wingc::syntax::ast::*;
use wingc::syntax::visit::{self, Visitor};

/// The name inserted at the cursor before re-checking a member access.
pub const PLACEHOLDER: &str = "__wingc_complete";

const KEYWORDS: &[&str] = &[
    "bring",
    "let",
    "var",
    "if",
    "else",
    "for",
    "in",
    "while",
    "break",
    "continue",
    "return",
    "throw",
    "try",
    "catch",
    "finally",
    "lift",
    "test",
    "class",
    "interface",
    "struct",
    "enum",
    "extends",
    "impl",
    "new",
    "as",
    "pub",
    "protected",
    "static",
    "inflight",
    "preflight",
    "unphased",
    "true",
    "false",
    "nil",
    "this",
    "super",
];

/// What the text before the cursor asks for.
pub enum Context {
    /// `bring |`
    Bring,
    /// `object.|` (the member's first letters may be written).
    Member,
    Other,
}

/// Reads the context from the text before the cursor.
pub fn context(text: &str, offset: usize) -> Context {
    let before = &text[..crate::lines::floor_boundary(text, offset)];
    let word_start = before.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_').len();
    let line = before[..word_start].rsplit('\n').next().unwrap_or("");
    if line.trim() == "bring" {
        return Context::Bring;
    }
    if before[..word_start].trim_end().ends_with('.') { Context::Member } else { Context::Other }
}

/// The text with the placeholder inserted at the cursor.
pub fn with_placeholder(text: &str, offset: usize) -> String {
    let at = crate::lines::floor_boundary(text, offset);
    format!("{}{PLACEHOLDER}{}", &text[..at], &text[at..])
}

pub fn bring_modules() -> Vec<CompletionItem> {
    wingc::stdlib::MODULES
        .iter()
        .map(|(module, _, _)| item(module, CompletionItemKind::MODULE, Some(format!("bring {module};"))))
        .collect()
}

fn item(label: &str, kind: CompletionItemKind, detail: Option<String>) -> CompletionItem {
    CompletionItem { label: label.to_string(), kind: Some(kind), detail, ..Default::default() }
}

/// Members of the object before the `.` at `offset` (in an analysis of
/// the text with the placeholder at `offset`).
pub fn members(analysis: &Analysis, file: FileId, offset: usize) -> Vec<CompletionItem> {
    let Some(module) = analysis.module(file) else { return Vec::new() };
    let mut finder = MemberAt { offset: offset as u32, found: None };
    visit::walk_module(&mut finder, module);
    let Some(object) = finder.found else { return Vec::new() };
    members_of(analysis, file, object, analysis.phase_at(file, offset))
}

/// Members after the `.` at `offset` in `text` (the document as it is
/// now), read from an earlier analysis of the document without checking
/// again — when they are sure to be what a check of `text` would give:
/// the receiver (the expression before the `.`) is written the same in
/// both texts, everything that differs comes after it, and on both sides
/// the difference is only names, dots and spaces within one line (what is
/// typed while writing a member access). Such an edit opens and closes no
/// scope and changes no declaration, so every name before it resolves as
/// it did and the receiver's checked type still holds. The phase is that of the
/// function body around the receiver. `None` otherwise, or when the
/// earlier analysis did not type the receiver: the caller checks the text.
pub fn members_from_earlier(earlier: &Analysis, text: &str, offset: usize) -> Option<Vec<CompletionItem>> {
    let file = earlier.entry;
    let old = earlier.text(file);
    let end = receiver_end(text, offset)?;
    let edit = crate::lines::edited_region(old, text);
    if end > edit.start || !only_typing(old, text, edit) {
        return None;
    }
    let mut finder = ReceiverAt { end: end as u32, found: None };
    visit::walk_module(&mut finder, earlier.module(file)?);
    let (object, span) = finder.found?;
    if !has_members(earlier, object) {
        return None;
    }
    Some(members_of(earlier, file, object, earlier.phase_at(file, span.start as usize)))
}

/// Whether the edit from `old` to `new` is only names, dots and spaces
/// within one line on both sides: what typing a name or a member access
/// changes. It opens and closes no scope and changes no declaration.
fn only_typing(old: &str, new: &str, edit: crate::lines::Edit) -> bool {
    let typed = |s: &str| s.chars().all(|c| c.is_alphanumeric() || matches!(c, '_' | '.' | '?' | ' ' | '\t'));
    typed(&old[edit.start..edit.old_end]) && typed(&new[edit.start..edit.new_end])
}

/// [`names`] at `offset` in `text` (the document as it is now), read from
/// an earlier analysis without checking again, when the edit since is
/// only typing on one line (as for [`members_from_earlier`]) and touches
/// no name the earlier analysis resolved: the names in scope there are
/// the ones in scope at the same place of the earlier text (the start of
/// the edit, for a cursor inside it). `None` otherwise: the caller waits
/// for the check of `text`.
pub fn names_from_earlier(earlier: &Analysis, text: &str, offset: usize) -> Option<Vec<CompletionItem>> {
    let file = earlier.entry;
    let edit = crate::lines::edited_region(earlier.text(file), text);
    if !only_typing(earlier.text(file), text, edit) {
        return None;
    }
    let (start, end) = (edit.start as u32, edit.old_end as u32);
    if earlier.occurrences.iter().any(|o| o.span.file == file && o.span.start <= end && start <= o.span.end) {
        return None;
    }
    let at = match offset {
        _ if offset <= edit.start => offset,
        _ if offset >= edit.new_end => offset - edit.new_end + edit.old_end,
        _ => edit.start,
    };
    Some(names(earlier, file, at))
}

/// Where the receiver of the member access being written at `offset`
/// ends: before `.`, `?.`, spaces, and the member's first letters.
fn receiver_end(text: &str, offset: usize) -> Option<usize> {
    let before = &text[..crate::lines::floor_boundary(text, offset)];
    let name_start = before.trim_end_matches(|c: char| c.is_alphanumeric() || c == '_').len();
    let receiver = before[..name_start].trim_end().strip_suffix('.')?;
    let receiver = receiver.strip_suffix('?').unwrap_or(receiver).trim_end();
    (!receiver.is_empty()).then_some(receiver.len())
}

/// Whether a checked expression has members to offer: a namespace, a
/// type, or a value whose type the checker found.
fn has_members(analysis: &Analysis, object: NodeId) -> bool {
    let sem = &analysis.checked.semantics;
    matches!(sem.names.get(object), Some(NameRef::Namespace(_) | NameRef::Type(_)))
        || matches!(sem.members.get(object), Some(wingc::check::MemberRef::Type(_)))
        || !matches!(sem.types.get(sem.types.strip_optional(sem.type_of(object))), Type::Error | Type::Infer(_))
}

/// The members of the object `object` offered in code of `phase`.
fn members_of(analysis: &Analysis, file: FileId, object: NodeId, phase: Phase) -> Vec<CompletionItem> {
    let sem = &analysis.checked.semantics;
    match sem.names.get(object) {
        Some(NameRef::Namespace(ns)) => return namespace_members(analysis, file, ns),
        Some(NameRef::Type(t)) => return static_members(sem, *t, phase),
        _ => {}
    }
    if let Some(wingc::check::MemberRef::Type(t)) = sem.members.get(object) {
        return static_members(sem, *t, phase);
    }
    instance_members(sem, sem.type_of(object), phase)
}

/// Finds the receiver of a member access written after `end`: the
/// outermost expression ending there that a `.` can follow (not the
/// operand of an operator, which binds looser than `.`).
struct ReceiverAt {
    end: u32,
    found: Option<(NodeId, Span)>,
}

impl Visitor<'_> for ReceiverAt {
    fn stmt(&mut self, stmt: &Stmt) {
        if stmt.span.start < self.end && self.end <= stmt.span.end {
            visit::walk_stmt(self, stmt);
        }
    }

    fn expr(&mut self, expr: &Expr) {
        let receives = !matches!(
            expr.kind,
            ExprKind::Unary { op: UnaryOp::Neg | UnaryOp::Not, .. }
                | ExprKind::Binary { .. }
                | ExprKind::Range { .. }
                | ExprKind::Closure(_)
                | ExprKind::JsonValue { .. }
                | ExprKind::Error
                | ExprKind::New { id: Some(_), .. }
                | ExprKind::New { scope: Some(_), .. }
        );
        if receives && expr.span.end == self.end && self.found.is_none_or(|(_, s)| expr.span.start < s.start) {
            self.found = Some((expr.id, expr.span));
        }
        if expr.span.start < self.end && self.end <= expr.span.end {
            visit::walk_expr(self, expr);
        }
    }
}

/// Finds the member access whose name is at the cursor; gives its
/// object's id.
struct MemberAt {
    offset: u32,
    found: Option<NodeId>,
}

impl Visitor<'_> for MemberAt {
    fn expr(&mut self, expr: &Expr) {
        if let ExprKind::Member { object, name, .. } = &expr.kind
            && name.span.start <= self.offset
            && self.offset <= name.span.end
        {
            self.found = Some(object.id);
        }
        visit::walk_expr(self, expr);
    }
}

fn visible(member_phase: Phase, phase: Phase) -> bool {
    member_phase == Phase::Independent || member_phase == phase
}

fn member_item(sem: &Semantics, owner: &str, m: &MemberInfo) -> CompletionItem {
    let (kind, detail) = match &m.kind {
        MemberKind::Method(f) => {
            (CompletionItemKind::METHOD, format!("{} {owner}.{}{}", phase_word(m.phase), m.name, signature_text(sem, f)))
        }
        MemberKind::Property(t) => (CompletionItemKind::PROPERTY, format!("{owner}.{}: {}", m.name, sem.types.display(*t))),
        MemberKind::Field { ty, .. } => (CompletionItemKind::FIELD, format!("{owner}.{}: {}", m.name, sem.types.display(*ty))),
    };
    item(&m.name, kind, Some(detail))
}

fn class_members(sem: &Semantics, class: ClassId, statics: bool, phase: Phase) -> Vec<CompletionItem> {
    let mut items: Vec<CompletionItem> = Vec::new();
    for c in sem.ancestry(class) {
        let info = sem.class(c);
        for m in info.members.iter().filter(|m| m.is_static == statics) {
            let fits = matches!(m.kind, MemberKind::Field { .. }) && m.phase != Phase::Inflight || visible(m.phase, phase);
            if fits && !items.iter().any(|i| i.label == m.name) {
                items.push(member_item(sem, &info.qualified, m));
            }
        }
    }
    items
}

fn builtin_class(sem: &Semantics, ty: &Type) -> Option<ClassId> {
    let name = match ty {
        Type::Str => "str",
        Type::Num => "num",
        Type::Bool => "bool",
        Type::Duration => "duration",
        Type::Datetime => "datetime",
        Type::Json => "Json",
        Type::MutJson => "MutJson",
        Type::Array(_) => "Array",
        Type::MutArray(_) => "MutArray",
        Type::Map(_) => "Map",
        Type::MutMap(_) => "MutMap",
        Type::Set(_) => "Set",
        Type::MutSet(_) => "MutSet",
        _ => return None,
    };
    sem.classes.iter().position(|c| c.kind == ClassKind::Builtin && c.name == name).map(|i| ClassId(i as u32))
}

fn instance_members(sem: &Semantics, ty: TypeId, phase: Phase) -> Vec<CompletionItem> {
    let ty = sem.types.get(sem.types.strip_optional(ty)).clone();
    match &ty {
        Type::Class(c) => class_members(sem, *c, false, phase),
        Type::Interface(i) => {
            let info = sem.interface(*i);
            info.members.iter().filter(|m| visible(m.phase, phase)).map(|m| member_item(sem, &info.qualified, m)).collect()
        }
        Type::Struct(s) => {
            let info = sem.structure(*s);
            let field =
                |(n, t): &(String, TypeId)| item(n, CompletionItemKind::FIELD, Some(format!("{n}: {}", sem.types.display(*t))));
            info.fields.iter().map(field).collect()
        }
        other => builtin_class(sem, other).map(|c| class_members(sem, c, false, phase)).unwrap_or_default(),
    }
}

fn static_members(sem: &Semantics, t: TypeRef, phase: Phase) -> Vec<CompletionItem> {
    match t {
        TypeRef::Class(c) => class_members(sem, c, true, phase),
        TypeRef::Enum(e) => sem.enumeration(e).variants.iter().map(|v| item(v, CompletionItemKind::ENUM_MEMBER, None)).collect(),
        TypeRef::Struct(_) => ["fromJson", "tryFromJson", "parseJson", "tryParseJson"]
            .iter()
            .map(|n| item(n, CompletionItemKind::METHOD, None))
            .collect(),
        TypeRef::Interface(_) => Vec::new(),
    }
}

/// The public names of a stdlib module or brought file.
fn namespace_members(analysis: &Analysis, file: FileId, ns: &str) -> Vec<CompletionItem> {
    let module = match analysis.checked.stdlib.iter().find(|(m, _)| *m == ns) {
        Some((_, module)) => Some(module),
        None => brought_module(analysis, file, ns),
    };
    let Some(module) = module else { return Vec::new() };
    module.stmts.iter().filter_map(|s| public_name(&s.kind)).map(|(name, kind)| item(name, kind, None)).collect()
}

/// The module a file brings under `alias`.
fn brought_module<'a>(analysis: &'a Analysis, file: FileId, alias: &str) -> Option<&'a Module> {
    let loaded = analysis.checked.files.iter().find(|f| f.module.file == file)?;
    let path = loaded.module.stmts.iter().find_map(|s| match &s.kind {
        StmtKind::Bring { target: BringTarget::File { path, .. }, alias: Some(a) } if a.name == alias => Some(path),
        _ => None,
    })?;
    let key = loaded.brings.get(path)?;
    analysis.checked.files.iter().find(|f| f.key == *key).map(|f| &f.module)
}

fn public_name(kind: &StmtKind) -> Option<(&str, CompletionItemKind)> {
    match kind {
        StmtKind::Class(c) => Some((&c.name.name, CompletionItemKind::CLASS)),
        StmtKind::Struct(s) => Some((&s.name.name, CompletionItemKind::STRUCT)),
        StmtKind::Interface(i) => Some((&i.name.name, CompletionItemKind::INTERFACE)),
        StmtKind::Enum(e) => Some((&e.name.name, CompletionItemKind::ENUM)),
        StmtKind::ExternFunction(sig) => Some((&sig.name.name, CompletionItemKind::FUNCTION)),
        StmtKind::ExternConstant { name, .. } => Some((&name.name, CompletionItemKind::CONSTANT)),
        _ => None,
    }
}

/// Names in scope at the cursor, the program's types, brought modules,
/// the prelude's functions, keywords, and struct fields being written.
pub fn names(analysis: &Analysis, file: FileId, offset: usize) -> Vec<CompletionItem> {
    let sem = &analysis.checked.semantics;
    let mut items = struct_fields(analysis, file, offset);
    let blocks = blocks_of(analysis, file);
    let offset32 = offset as u32;
    for o in analysis.occurrences.iter().filter(|o| o.is_def && o.span.file == file && o.span.end <= offset32) {
        let visible = match &o.target {
            Target::Var(v) => {
                let scope = match sem.var(*v).kind {
                    VarKind::Let => {
                        blocks.iter().filter(|b| b.start <= o.span.start && o.span.end <= b.end).min_by_key(|b| b.end - b.start)
                    }
                    _ => blocks.iter().filter(|b| b.start >= o.span.end).min_by_key(|b| b.start),
                };
                scope.is_none_or(|b| b.start <= offset32 && offset32 <= b.end)
            }
            Target::Type(_) | Target::Namespace(_) => true,
            _ => false,
        };
        if visible && !items.iter().any(|i| i.label == o.target.name(sem)) {
            let kind = match o.target {
                Target::Var(_) => CompletionItemKind::VARIABLE,
                Target::Namespace(_) => CompletionItemKind::MODULE,
                _ => CompletionItemKind::CLASS,
            };
            items.push(item(o.target.name(sem), kind, describe(sem, &o.target)));
        }
    }
    for o in analysis.occurrences.iter().filter(|o| o.span.file == file) {
        if let Target::Namespace(n) = &o.target
            && !items.iter().any(|i| i.label == *n)
        {
            items.push(item(n, CompletionItemKind::MODULE, Some(format!("bring {n}"))));
        }
    }
    if let Some((_, std)) = analysis.checked.stdlib.iter().find(|(m, _)| *m == "std") {
        for s in &std.stmts {
            if let StmtKind::ExternFunction(sig) = &s.kind {
                items.push(item(&sig.name.name, CompletionItemKind::FUNCTION, None));
            }
        }
    }
    for class in &sem.classes {
        if class.kind == ClassKind::Builtin && class.name.chars().next().is_some_and(char::is_uppercase) {
            items.push(item(&class.name, CompletionItemKind::CLASS, None));
        }
    }
    items.extend(KEYWORDS.iter().map(|k| item(k, CompletionItemKind::KEYWORD, None)));
    items
}

/// Spans of every block of a file (scopes of `let`s).
fn blocks_of(analysis: &Analysis, file: FileId) -> Vec<Span> {
    struct Blocks(Vec<Span>);
    impl Visitor<'_> for Blocks {
        fn block(&mut self, block: &Block) {
            self.0.push(block.span);
            visit::walk_block(self, block);
        }
    }
    let mut blocks = Blocks(Vec::new());
    if let Some(module) = analysis.module(file) {
        visit::walk_module(&mut blocks, module);
    }
    blocks.0
}

/// The struct whose fields the cursor is writing: in a struct literal or
/// a `{ … }` passed where a struct is expected, or as named arguments.
fn struct_fields(analysis: &Analysis, file: FileId, offset: usize) -> Vec<CompletionItem> {
    let sem = &analysis.checked.semantics;
    let Some(module) = analysis.module(file) else { return Vec::new() };
    let mut finder = StructAt { sem, offset: offset as u32, found: None };
    visit::walk_module(&mut finder, module);
    let Some((id, written)) = finder.found else { return Vec::new() };
    let info = sem.structure(id);
    info.fields
        .iter()
        .filter(|(n, _)| !written.contains(n))
        .map(|(n, t)| CompletionItem {
            insert_text: Some(format!("{n}: ")),
            ..item(n, CompletionItemKind::FIELD, Some(format!("{}.{n}: {}", info.qualified, sem.types.display(*t))))
        })
        .collect()
}

struct StructAt<'a> {
    sem: &'a Semantics,
    offset: u32,
    /// The innermost struct being written, and the fields already written.
    found: Option<(wingc::check::StructId, Vec<String>)>,
}

impl StructAt<'_> {
    fn struct_of(&self, ty: TypeId) -> Option<wingc::check::StructId> {
        match self.sem.types.get(self.sem.types.strip_optional(ty)) {
            Type::Struct(id) => Some(*id),
            _ => None,
        }
    }
}

impl Visitor<'_> for StructAt<'_> {
    fn expr(&mut self, expr: &Expr) {
        let inside = expr.span.start < self.offset && self.offset < expr.span.end;
        if inside {
            match &expr.kind {
                ExprKind::StructLiteral { fields, .. } | ExprKind::JsonLiteral { fields, .. } => {
                    if let Some(id) = self.struct_of(self.sem.type_of(expr.id)) {
                        self.found = Some((id, fields.iter().map(|(n, _)| n.name.clone()).collect()));
                    }
                }
                ExprKind::Call { callee, args } if callee.span.end < self.offset => {
                    let last = self.sem.calls.get(expr.id).and_then(|c| c.params.last().copied());
                    let callee_params = match self.sem.types.get(self.sem.type_of(callee.id)) {
                        Type::Function(f) => f.params.last().copied(),
                        _ => None,
                    };
                    if let Some(id) = last.or(callee_params).and_then(|t| self.struct_of(t)) {
                        self.found = Some((id, args.iter().filter_map(|a| a.name.as_ref().map(|n| n.name.clone())).collect()));
                    }
                }
                _ => {}
            }
        }
        visit::walk_expr(self, expr);
    }
}

/// The signature of the call around the cursor, with the parameter being
/// written.
pub fn signature_help(analysis: &Analysis, file: FileId, offset: usize) -> Option<SignatureHelp> {
    let sem = &analysis.checked.semantics;
    let module = analysis.module(file)?;
    let mut finder = CallAt { offset: offset as u32, found: None };
    visit::walk_module(&mut finder, module);
    let (callee_id, callee_span, callee_end) = finder.found?;
    let f = match sem.types.get(sem.type_of(callee_id)) {
        Type::Function(f) => f.clone(),
        _ => return None,
    };
    let names = parameter_names(analysis, callee_span);
    let params: Vec<String> = f
        .params
        .iter()
        .enumerate()
        .map(|(i, t)| match names.get(i) {
            Some(n) => format!("{n}: {}", sem.types.display(*t)),
            None => sem.types.display(*t),
        })
        .collect();
    let label =
        format!("{}({}): {}", analysis.checked.sources.snippet(callee_span), params.join(", "), sem.types.display(f.result));
    let text = analysis.text(file);
    let written = &text[(callee_end as usize).min(offset)..offset.min(text.len())];
    let active = top_level_commas(written) as u32;
    Some(SignatureHelp {
        signatures: vec![SignatureInformation {
            label,
            documentation: None,
            parameters: Some(
                params
                    .into_iter()
                    .map(|p| ParameterInformation { label: ParameterLabel::Simple(p), documentation: None })
                    .collect(),
            ),
            active_parameter: Some(active),
        }],
        active_signature: Some(0),
        active_parameter: Some(active),
    })
}

/// Commas not inside nested brackets.
fn top_level_commas(text: &str) -> usize {
    let mut depth = 0i32;
    let mut commas = 0;
    for c in text.chars() {
        match c {
            '(' | '[' | '{' => depth += 1,
            ')' | ']' | '}' => depth -= 1,
            ',' if depth == 1 => commas += 1,
            _ => {}
        }
    }
    commas
}

/// Parameter names of the function a callee names, from its declaration.
fn parameter_names(analysis: &Analysis, callee: Span) -> Vec<String> {
    let name_end = callee.end;
    let Some(occurrence) = analysis.occurrences.iter().find(|o| o.span.file == callee.file && o.span.end == name_end) else {
        return Vec::new();
    };
    let Some(def) = analysis.definition(&occurrence.target) else { return Vec::new() };
    let Some(module) = analysis.module(def.file) else { return Vec::new() };
    struct Sig(Span, Vec<String>);
    impl Visitor<'_> for Sig {
        fn method(&mut self, m: &MethodDecl) {
            if m.signature.name.span == self.0 {
                self.1 = m.signature.params.iter().map(|p| p.name.name.clone()).collect();
            }
            visit::walk_method(self, m);
        }
        fn stmt(&mut self, s: &Stmt) {
            if let StmtKind::ExternFunction(sig) = &s.kind
                && sig.name.span == self.0
            {
                self.1 = sig.params.iter().map(|p| p.name.name.clone()).collect();
            }
            if let StmtKind::Let { name, value, .. } = &s.kind
                && name.span == self.0
                && let ExprKind::Closure(c) = &value.kind
            {
                self.1 = c.params.iter().map(|p| p.name.name.clone()).collect();
            }
            visit::walk_stmt(self, s);
        }
    }
    let mut sig = Sig(def, Vec::new());
    visit::walk_module(&mut sig, module);
    sig.1
}

struct CallAt {
    offset: u32,
    /// The innermost call around the cursor: its callee's id and span, and
    /// where the callee ends.
    found: Option<(NodeId, Span, u32)>,
}

impl Visitor<'_> for CallAt {
    fn expr(&mut self, expr: &Expr) {
        if let ExprKind::Call { callee, .. } = &expr.kind
            && callee.span.end < self.offset
            && self.offset < expr.span.end.max(callee.span.end + 1)
        {
            self.found = Some((callee.id, callee.span, callee.span.end));
        }
        visit::walk_expr(self, expr);
    }
}
