//! Syntax error messages: takes a recovered parse error (the found token and
//! lalrpop's set of expected terminals), gives a [`Diagnostic`] in the
//! user's terms: "expected `;` after the statement, found `}`", "expected an
//! expression, found `)`". Terminal names never leak: the expected set is
//! summarised ("a statement", "an expression", "a type", "a name") and
//! operators are left out when something more telling is expected.

use super::ast::{FileId, Span};
use super::lexer::Tok;
use super::parser::Recovered;
use crate::diagnostics::Diagnostic;

/// What the parser found where it failed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Found {
    Eof,
    /// A string literal (its text is not worth quoting).
    String,
    /// The `}` ending an interpolation (`}text"`).
    InterpolationEnd,
    /// Any other token: quoted from the source.
    Token,
}

impl Found {
    pub fn of(tok: &Tok<'_>) -> Found {
        match tok {
            Tok::Str(_) | Tok::StrHead(_) => Found::String,
            Tok::StrMid(_) | Tok::StrTail(_) => Found::InterpolationEnd,
            _ => Found::Token,
        }
    }
}

/// A syntax error as recorded during recovery.
#[derive(Debug, Clone)]
pub struct SyntaxError {
    pub start: usize,
    pub end: usize,
    pub found: Found,
    /// lalrpop's terminal names, quoted (`"\";\""`).
    pub expected: Vec<String>,
    pub context: Recovered,
    /// Tokens skipped before parsing resumed.
    pub dropped: usize,
}

/// Tokens that can start an expression.
const EXPR_START: &[&str] = &[
    "Ident",
    "Num",
    "Duration",
    "Str",
    "StrHead",
    "Intrinsic",
    "Coll",
    "(",
    "closure(",
    "[",
    "{",
    "-",
    "!",
    "nil",
    "true",
    "false",
    "this",
    "super",
    "new",
    "Json",
    "MutJson",
    "inflight",
    "unphased",
];

/// Tokens that can start a statement but not an expression.
const STMT_START: &[&str] = &[
    "bring",
    "let",
    "if",
    "for",
    "while",
    "break",
    "continue",
    "return",
    "throw",
    "try",
    "test",
    "class",
    "interface",
    "struct",
    "enum",
    "pub",
    "protected",
    "internal",
    "extern",
    "static",
    "preflight",
];

/// Tokens that can start a type.
const TYPE_START: &[&str] = &["Ident", "Coll", "Json", "MutJson", "(", "inflight"];

/// Tokens that continue an expression (postfix and binary operators that
/// are also notable elsewhere): left out when a closer is expected too.
const CONTINUATIONS: &[&str] = &["{", "(", "[", ".", "<"];

/// Tokens that end a statement, list or group.
const CLOSERS: &[&str] = &[";", ",", ")", "]", "}", "=>", "StrMid", "StrTail"];

/// Tokens worth naming on their own, in the order they are listed.
const NOTABLE: &[&str] = &[
    ";", ",", ")", "]", "}", ":", "=", "=>", "{", "(", "<", ">", "in", "as", "else", "catch", "finally", "extends", "impl",
    "class", "new", "var", "...", "StrMid", "StrTail",
];

fn describe_terminal(t: &str) -> String {
    match t {
        "Ident" => "a name".into(),
        "Num" => "a number".into(),
        "Duration" => "a duration".into(),
        "Str" | "StrHead" => "a string".into(),
        "StrMid" | "StrTail" => "`}` to end the interpolation".into(),
        "Intrinsic" => "an intrinsic like `@dirname`".into(),
        "Coll" => "a collection type".into(),
        "closure(" => "`(`".into(),
        _ => format!("`{t}`"),
    }
}

/// Strips lalrpop's quoting from a terminal name.
fn unquote(t: &str) -> String {
    let inner = t.strip_prefix('"').and_then(|t| t.strip_suffix('"')).unwrap_or(t);
    inner.replace("\\\\", "\\").replace("\\\"", "\"")
}

/// Keywords that are also accepted as names (declaration names, named
/// arguments, Json keys); subsumed by "a name".
const SOFT_KEYWORDS: &[&str] = &[
    "nil", "true", "false", "test", "this", "super", "in", "as", "if", "else", "for", "while", "break", "continue", "return",
    "throw", "try", "catch", "finally", "let", "bring", "extends", "impl",
];

/// Keywords accepted only as member names after `.`.
const HARD_KEYWORDS: &[&str] = &[
    "var",
    "class",
    "interface",
    "struct",
    "enum",
    "new",
    "pub",
    "protected",
    "internal",
    "static",
    "extern",
    "inflight",
    "preflight",
    "unphased",
    "Json",
    "MutJson",
    "Coll",
];

/// The expected set summarised into a few items, most telling first.
pub fn expected_items(expected: &[String]) -> Vec<String> {
    let set: Vec<String> = expected.iter().map(|t| unquote(t)).collect();
    let has = |t: &str| set.iter().any(|s| s == t);
    let mut covered: Vec<&str> = Vec::new();
    let mut items = Vec::new();
    if has("Ident") {
        covered.extend(SOFT_KEYWORDS);
        if has("class") && !has("Num") {
            // After `.`: any keyword is a member name.
            covered.extend(HARD_KEYWORDS);
        }
    }
    if has("class") && has("Num") {
        items.push("a statement".to_string());
        covered.extend(STMT_START);
        covered.extend(EXPR_START);
    } else if has("Num") {
        items.push("an expression".to_string());
        covered.extend(EXPR_START);
    } else if has("new") && has("var") && has("Ident") && has("}") {
        items.push("a class member".to_string());
        covered.extend(["new", "var", "Ident", "pub", "protected", "internal", "extern", "static"]);
        covered.extend(["inflight", "preflight", "unphased"]);
    } else if has("inflight") && has("Ident") && has("(") {
        items.push("a type".to_string());
        covered.extend(TYPE_START);
    }
    if has("+") {
        // After a complete operand: calls, indexing, member access and
        // comparisons are operators here, not the point of the message.
        covered.extend(["(", "[", ".", "<", ">"]);
    }
    if CLOSERS.iter().any(|t| has(t)) {
        covered.extend(CONTINUATIONS);
    }
    if has(";") {
        // After a complete statement: assignment operators continue it.
        covered.extend(["=", "+=", "-="]);
    }
    for t in NOTABLE {
        if has(t) && !covered.contains(t) {
            let d = describe_terminal(t);
            if !items.contains(&d) {
                items.push(d);
            }
        }
    }
    if has("Ident") && !covered.contains(&"Ident") {
        items.insert(0, "a name".to_string());
    }
    if items.is_empty() {
        // Only operators or keywords: name a few, or summarise.
        let rest: Vec<&String> = set.iter().filter(|t| !covered.contains(&t.as_str())).collect();
        if rest.len() <= 3 {
            items.extend(rest.iter().map(|t| describe_terminal(t)));
        } else {
            items.push("an operator".to_string());
        }
    }
    items.truncate(4);
    items
}

fn join_or(items: &[String]) -> String {
    match items {
        [] => String::new(),
        [one] => one.clone(),
        [init @ .., last] => format!("{} or {last}", init.join(", ")),
    }
}

fn found_text(e: &SyntaxError, text: &str) -> String {
    match e.found {
        Found::Eof => "the end of the file".into(),
        Found::String => "a string".into(),
        Found::InterpolationEnd => "`}`".into(),
        Found::Token => {
            let slice = text.get(e.start..e.end).unwrap_or("");
            if slice.is_empty() {
                return "the end of the file".into();
            }
            let short: String = slice.chars().take(24).collect();
            let ell = if short.len() < slice.len() { "…" } else { "" };
            format!("`{short}{ell}`")
        }
    }
}

/// The diagnostic for one recorded syntax error; `prev` is the span of the
/// token before the error (a missing `;` is reported after it).
pub fn syntax_error(e: &SyntaxError, prev: Option<(usize, usize)>, text: &str, file: FileId) -> Diagnostic {
    let items = expected_items(&e.expected);
    let found = found_text(e, text);
    let at_eof = e.found == Found::Eof || e.start >= text.len();
    let span = if at_eof {
        // Point at the last character so the report shows a line.
        let end = text.len();
        let start = text[..end].char_indices().rev().find(|(_, c)| !c.is_whitespace()).map_or(end, |(i, _)| i);
        Span::new(file, start, end.max(start))
    } else if e.found == Found::InterpolationEnd {
        Span::new(file, e.start, e.start + 1)
    } else {
        Span::new(file, e.start, e.end)
    };
    if let Some((ps, pe)) = prev.filter(|&(ps, pe)| !at_eof && text.get(ps..pe) == Some("?")) {
        return Diagnostic::error("E0020", "Wing has no `? :` operator", Span::new(file, ps, pe))
            .with_label("a conditional expression is not written this way")
            .with_secondary(span, unexpected(&found))
            .with_help("assign in both branches of `if c { … } else { … }`; to give an optional a default, write `x ?? d`");
    }
    let (code, message, label) = if items.is_empty() {
        ("E0001", format!("unexpected {found}"), "unexpected here".to_string())
    } else if items == ["`;`"] {
        let after = match e.context {
            Recovered::Member | Recovered::MemberSemicolon => "declaration",
            _ => "statement",
        };
        let message = format!("expected `;` after the {after}, found {found}");
        if let Some((ps, pe)) = prev {
            let mut d = Diagnostic::error("E0002", message, Span::new(file, ps, pe)).with_label("expected `;` after this");
            if !at_eof {
                d = d.with_secondary(span, unexpected(&found));
            }
            return d;
        }
        ("E0002", message, "expected `;` before this".to_string())
    } else {
        let exp = join_or(&items);
        let label = if at_eof { format!("expected {exp} after this") } else { format!("expected {exp} here") };
        ("E0001", format!("expected {exp}, found {found}"), label)
    };
    let mut d = Diagnostic::error(code, message, span).with_label(label);
    if let Some(help) = hint(text.get(e.start..e.end).unwrap_or(""), &items) {
        d = d.with_help(help);
    }
    d
}

/// A label for what was found: "unexpected string", "unexpected `x`".
fn unexpected(found: &str) -> String {
    format!("unexpected {}", found.strip_prefix("a ").or_else(|| found.strip_prefix("the ")).unwrap_or(found))
}

/// Advice for mistakes carried over from other languages.
fn hint(found: &str, items: &[String]) -> Option<&'static str> {
    let wants_expr = items.iter().any(|i| i == "an expression");
    match found {
        "if" | "for" | "while" | "try" if wants_expr => {
            Some("this is a statement in Wing, not an expression: assign the value inside each branch")
        }
        "let" if wants_expr => Some("`let` declares a variable as a statement of its own"),
        "=" if items.iter().any(|i| i == "`{`") => Some("to compare two values, use `==`"),
        _ => None,
    }
}
