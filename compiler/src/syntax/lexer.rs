//! Lexer: takes source text, gives the token stream the grammar consumes
//! (`(start, Tok, end)` byte offsets) plus lexical diagnostics.
//!
//! A logos state machine ([`Raw`]) recognises keywords, names, operators and
//! the start of numbers, strings and comments. [`Lexer`] wraps it and adds:
//! - string bodies with escapes and `{expr}` interpolation: a plain string is
//!   one [`Tok::Str`]; an interpolated one is `StrHead expr (StrMid expr)*
//!   StrTail`. A stack of open delimiters tells which `}` closes an
//!   interpolation (the nearest open `{` or interpolation wins), so
//!   interpolations nest to any depth, strings inside them included;
//! - numbers and duration literals (`1_000`, `0x1F`, `1e3`, `1.5s`, `10ms`);
//! - recovery: a bad character, escape or number, an unterminated string or
//!   comment becomes a [`Diagnostic`] and lexing goes on. Delimiters still
//!   open at the end of the file are closed by zero-width tokens there (one
//!   diagnostic for all of them), so the parser sees a balanced stream.
//!
//! The lexer never fails: its error type [`LexError`] is uninhabited.

use std::collections::VecDeque;

use logos::Logos;

use super::ast::{FileId, Span};
use super::closure_heads::ClosureHeads;
use crate::diagnostics::Diagnostic;

/// The lexer's error type for the parser: never produced (lexical problems
/// are reported as diagnostics and lexing continues).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LexError {}

/// A token as the parser sees it.
#[derive(Debug, Clone, PartialEq)]
pub enum Tok<'a> {
    Ident(&'a str),
    Num(f64),
    /// A duration literal, in seconds.
    Duration(f64),
    /// A string without interpolation, escapes resolved (raw strings too).
    Str(String),
    /// `"text{` – the start of an interpolated string.
    StrHead(String),
    /// `}text{` – text between two interpolations.
    StrMid(String),
    /// `}text"` – the end of an interpolated string.
    StrTail(String),
    /// `@name` (the name without `@`).
    Intrinsic(&'a str),
    /// A built-in collection type name: `Array`, `MutArray`, `Map`,
    /// `MutMap`, `Set`, `MutSet` (they take `<T>` in expressions).
    Coll(&'a str),
    // Keywords.
    Bring,
    Let,
    Var,
    If,
    Else,
    For,
    In,
    While,
    Break,
    Continue,
    Return,
    Throw,
    Try,
    Catch,
    Finally,
    Lift,
    Test,
    Class,
    Interface,
    Struct,
    Enum,
    Extends,
    Impl,
    New,
    As,
    Pub,
    Protected,
    Internal,
    Static,
    Extern,
    Inflight,
    Preflight,
    Unphased,
    True,
    False,
    Nil,
    This,
    Super,
    Json,
    MutJson,
    // Operators and punctuation.
    Plus,
    Minus,
    Star,
    Slash,
    Backslash,
    Percent,
    StarStar,
    EqEq,
    NotEq,
    Lt,
    LtEq,
    Gt,
    GtEq,
    AndAnd,
    OrOr,
    Bang,
    QuestionQuestion,
    QuestionDot,
    Question,
    Dot,
    DotDot,
    DotDotEq,
    DotDotDot,
    FatArrow,
    Assign,
    PlusAssign,
    MinusAssign,
    Colon,
    Semi,
    Comma,
    LParen,
    /// A `(` that opens a closure's parameter list (see
    /// [`Lexer::opens_closure`]).
    ClosureLParen,
    RParen,
    LBracket,
    RBracket,
    LBrace,
    RBrace,
    At,
}

/// What the logos state machine recognises. Most variants map one-to-one to
/// a [`Tok`]; `Quote`, `HashString`, `Number` and `CommentStart` start pieces
/// the wrapper scans by hand.
#[derive(Logos, Debug, Clone, Copy, PartialEq, Eq)]
#[logos(skip r"[ \t\r\n\f\u{FEFF}\u{A0}\u{2028}\u{2029}]+")]
pub(super) enum Raw {
    /// `// …` to the end of the line. A token the wrapper drops, not a
    /// logos `skip`: logos follows one skip with the next by a call, so
    /// thousands of comment lines in a row overflowed the stack of a
    /// debug build.
    #[regex(r"//[^\n]*", allow_greedy = true)]
    LineComment,
    #[token("/*")]
    CommentStart,
    #[token("\"")]
    Quote,
    #[token("#\"")]
    HashString,
    #[token("`")]
    Backtick,
    #[regex(r"[0-9][0-9A-Za-z_]*")]
    Number,
    #[regex(r"[A-Za-z_$][A-Za-z0-9_$]*")]
    Ident,
    #[regex(r"@[A-Za-z_][A-Za-z0-9_]*")]
    Intrinsic,
    #[token("Array")]
    #[token("MutArray")]
    #[token("Map")]
    #[token("MutMap")]
    #[token("Set")]
    #[token("MutSet")]
    Coll,
    #[token("bring")]
    Bring,
    #[token("let")]
    Let,
    #[token("var")]
    Var,
    #[token("if")]
    If,
    #[token("else")]
    Else,
    #[token("for")]
    For,
    #[token("in")]
    In,
    #[token("while")]
    While,
    #[token("break")]
    Break,
    #[token("continue")]
    Continue,
    #[token("return")]
    Return,
    #[token("throw")]
    Throw,
    #[token("try")]
    Try,
    #[token("catch")]
    Catch,
    #[token("finally")]
    Finally,
    #[token("lift")]
    Lift,
    #[token("test")]
    Test,
    #[token("class")]
    Class,
    #[token("interface")]
    Interface,
    #[token("struct")]
    Struct,
    #[token("enum")]
    Enum,
    #[token("extends")]
    Extends,
    #[token("impl")]
    Impl,
    #[token("new")]
    New,
    #[token("as")]
    As,
    #[token("pub")]
    Pub,
    #[token("protected")]
    Protected,
    #[token("internal")]
    Internal,
    #[token("static")]
    Static,
    #[token("extern")]
    Extern,
    #[token("inflight")]
    Inflight,
    #[token("preflight")]
    Preflight,
    #[token("unphased")]
    Unphased,
    #[token("true")]
    True,
    #[token("false")]
    False,
    #[token("nil")]
    Nil,
    #[token("this")]
    This,
    #[token("super")]
    Super,
    #[token("Json")]
    Json,
    #[token("MutJson")]
    MutJson,
    #[token("+")]
    Plus,
    #[token("-")]
    Minus,
    #[token("*")]
    Star,
    #[token("/")]
    Slash,
    #[token("\\")]
    Backslash,
    #[token("%")]
    Percent,
    #[token("**")]
    StarStar,
    #[token("==")]
    EqEq,
    #[token("!=")]
    NotEq,
    #[token("<")]
    Lt,
    #[token("<=")]
    LtEq,
    #[token(">")]
    Gt,
    #[token(">=")]
    GtEq,
    #[token("&&")]
    AndAnd,
    #[token("||")]
    OrOr,
    #[token("!")]
    Bang,
    #[token("??")]
    QuestionQuestion,
    #[token("?.")]
    QuestionDot,
    #[token("?")]
    Question,
    #[token(".")]
    Dot,
    #[token("..")]
    DotDot,
    #[token("..=")]
    DotDotEq,
    #[token("...")]
    DotDotDot,
    #[token("=>")]
    FatArrow,
    #[token("=")]
    Assign,
    #[token("+=")]
    PlusAssign,
    #[token("-=")]
    MinusAssign,
    #[token(":")]
    Colon,
    #[token(";")]
    Semi,
    #[token(",")]
    Comma,
    #[token("(")]
    LParen,
    #[token(")")]
    RParen,
    #[token("[")]
    LBracket,
    #[token("]")]
    RBracket,
    #[token("{")]
    LBrace,
    #[token("}")]
    RBrace,
    #[token("@")]
    At,
}

/// A token with its byte range, as lalrpop wants it.
pub type Spanned<'a> = (usize, Tok<'a>, usize);

/// An open delimiter, for matching closers and closing what is left open at
/// the end of the file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Delim {
    Paren,
    Bracket,
    Brace,
    /// An interpolation `{` inside a string; `start` is the string's `"`.
    Interp,
}

/// How a scanned piece of string body ended.
enum StrEnd {
    Quote,
    Interp,
    Eof,
}

/// The token stream of one file. Iterate it (or hand it to the parser); then
/// read [`Lexer::diagnostics`] for the lexical errors found.
pub struct Lexer<'a> {
    src: &'a str,
    raw: logos::Lexer<'a, Raw>,
    file: FileId,
    /// Open delimiters with the offset of their opening token.
    delims: Vec<(Delim, usize)>,
    /// Synthesized tokens to hand out before ending.
    pending: VecDeque<Spanned<'a>>,
    finished: bool,
    diags: Vec<Diagnostic>,
    /// Byte range of every token handed out, in order.
    token_spans: Vec<(u32, u32)>,
    /// The first string literal that runs over a line break (start of its
    /// `"`, end offset): the likely culprit when a later quote never closes.
    first_multiline_string: Option<(usize, usize)>,
    /// Each `{` closed by a `}` indented differently from the `{`'s line
    /// (offsets of both): the likely culprits when a brace is left open.
    misindented_pairs: Vec<(usize, usize)>,
    /// Where the token stream stops making sense after an unterminated
    /// string or a delimiter left open at the end of the file; the parser's
    /// complaints from there on are consequences of that one mistake.
    unreliable_from: Option<usize>,
    /// Whether the last token handed out was a `}`.
    after_close_brace: bool,
    /// The `(` or `[` reported as left open at the end (offset, text).
    unclosed_group: Option<(usize, &'static str)>,
    /// The `=>` of the closure whose signature is being read: a `(` before
    /// it belongs to a type.
    signature_end: usize,
    /// Which `(` of the current region open closure parameters.
    closure_heads: ClosureHeads,
    /// Offsets of the line breaks, once a brace's indentation is needed.
    line_breaks: Option<Vec<usize>>,
}

impl<'a> Lexer<'a> {
    pub fn new(src: &'a str, file: FileId) -> Lexer<'a> {
        Lexer {
            src,
            raw: Raw::lexer(src),
            file,
            delims: Vec::new(),
            pending: VecDeque::new(),
            finished: false,
            diags: Vec::new(),
            token_spans: Vec::new(),
            first_multiline_string: None,
            misindented_pairs: Vec::new(),
            unreliable_from: None,
            after_close_brace: false,
            unclosed_group: None,
            signature_end: 0,
            closure_heads: ClosureHeads::default(),
            line_breaks: None,
        }
    }

    /// The lexical diagnostics found so far.
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diags
    }

    pub fn into_diagnostics(self) -> Vec<Diagnostic> {
        self.diags
    }

    /// Byte ranges of the tokens handed out so far.
    pub fn token_spans(&self) -> &[(u32, u32)] {
        &self.token_spans
    }

    /// Where an unterminated string or an unclosed delimiter (already
    /// reported) makes the rest of the file unreliable, if anywhere.
    pub fn unreliable_from(&self) -> Option<usize> {
        self.unreliable_from
    }

    /// How many delimiters (`(`, `[`, `{`, string interpolations) are open
    /// after the last token handed out.
    pub fn nesting(&self) -> usize {
        self.delims.len()
    }

    /// The innermost `(` or `[` left open at the end of the file (offset,
    /// text), when that is what was reported.
    pub fn unclosed_group(&self) -> Option<(usize, &'static str)> {
        self.unclosed_group
    }

    /// The leading whitespace width of the line holding `offset`.
    fn indentation_at(&mut self, offset: usize) -> usize {
        let line = self.line_of(offset);
        let line_start = if line == 1 { 0 } else { self.line_breaks()[line - 2] + 1 };
        self.src[line_start..].bytes().take_while(|b| *b == b' ' || *b == b'\t').count()
    }

    /// The 1-based line holding `offset`.
    fn line_of(&mut self, offset: usize) -> usize {
        self.line_breaks().partition_point(|b| *b < offset) + 1
    }

    /// The offset of every line break, found once.
    fn line_breaks(&mut self) -> &[usize] {
        let src = self.src;
        self.line_breaks.get_or_insert_with(|| src.match_indices('\n').map(|(i, _)| i).collect())
    }

    fn span(&self, start: usize, end: usize) -> Span {
        Span::new(self.file, start, end)
    }

    /// One bad character; runs of them become one diagnostic.
    fn bad_char(&mut self, start: usize, end: usize) {
        if let Some(last) = self.diags.last_mut()
            && last.code == "E0005"
            && last.span.end as usize == start
        {
            last.span.end = end as u32;
            last.message = "unexpected characters".to_string();
            last.label = Some("Wing has no token that starts like this".to_string());
            return;
        }
        let text = &self.src[start..end];
        let d = Diagnostic::error("E0005", format!("unexpected character `{}`", text.escape_debug()), self.span(start, end))
            .with_label("Wing has no token that starts like this");
        self.diags.push(d);
    }

    fn block_comment(&mut self, start: usize) {
        let rest = self.raw.remainder();
        match rest.find("*/") {
            Some(i) => self.raw.bump(i + 2),
            None => {
                self.raw.bump(rest.len());
                let d = Diagnostic::error("E0004", "unterminated block comment", self.span(start, start + 2))
                    .with_label("this comment is never closed")
                    .with_help("close it with `*/`");
                self.diags.push(d);
            }
        }
    }

    /// Reports a string still open at the end of the file. Strings may span
    /// lines, so when an earlier string ran over a line break, that one most
    /// likely lost its closing quote and shifted the pairing of the rest.
    fn unterminated_string(&mut self, string_start: usize) {
        let d = match self.first_multiline_string.filter(|(start, _)| *start < string_start) {
            Some((culprit, culprit_end)) => {
                self.unreliable_from = Some(culprit);
                Diagnostic::error("E0003", "a string is probably missing its closing `\"`", self.span(culprit, culprit + 1))
                    .with_label(format!("this string runs on to line {}", self.line_of(culprit_end)))
                    .with_secondary(self.span(string_start, string_start + 1), "so this `\"` starts a string that never ends")
                    .with_help(format!("close the string on line {}", self.line_of(culprit)))
            }
            None => {
                self.unreliable_from = Some(string_start);
                Diagnostic::error("E0003", "unterminated string", self.span(string_start, string_start + 1))
                    .with_label("this string is never closed")
                    .with_help("add a closing `\"`")
            }
        };
        self.diags.push(d);
    }

    /// Scans string text from the current position up to and including the
    /// closing `"` or an interpolation `{`, resolving escapes. `string_start`
    /// is the offset of the string's opening quote (for messages).
    fn string_body(&mut self, string_start: usize) -> (String, StrEnd) {
        let rest = self.raw.remainder();
        let base = self.raw.span().end;
        let bytes = rest.as_bytes();
        let mut out = String::new();
        let mut run = 0; // start of the pending run of plain text
        let mut i = 0;
        let end = loop {
            let Some(&b) = bytes.get(i) else {
                out.push_str(&rest[run..]);
                self.raw.bump(rest.len());
                self.unterminated_string(string_start);
                return (out, StrEnd::Eof);
            };
            match b {
                b'"' => {
                    out.push_str(&rest[run..i]);
                    break (i + 1, StrEnd::Quote);
                }
                b'{' => {
                    out.push_str(&rest[run..i]);
                    break (i + 1, StrEnd::Interp);
                }
                b'\\' => {
                    out.push_str(&rest[run..i]);
                    i = self.escape(rest, i, base, &mut out);
                    run = i;
                }
                _ => i += 1,
            }
        };
        self.raw.bump(end.0);
        (out, end.1)
    }

    /// A raw string `#"…"` after its opening at `start`: escapes are
    /// resolved, `{` is plain text.
    /// The token for a `(` at `start`: [`Tok::ClosureLParen`] when it opens
    /// a closure's parameter list (see [`ClosureHeads`]). Every `(` from
    /// there to the closure's `=>` is part of a type.
    fn left_paren(&mut self, start: usize) -> Tok<'a> {
        if start < self.signature_end {
            return Tok::LParen;
        }
        if !self.closure_heads.covers(start) {
            self.closure_heads = ClosureHeads::scan(start, self.raw.clone(), self.src.len());
        }
        match self.closure_heads.arrow(start) {
            Some(arrow) => {
                self.signature_end = arrow;
                Tok::ClosureLParen
            }
            None => Tok::LParen,
        }
    }

    /// Another language's `else if` after a `}`: reported once and read as
    /// `else if`, so the rest of the chain parses.
    fn else_if(&mut self, word: &str, start: usize, end: usize) -> Spanned<'a> {
        let d = Diagnostic::error("E0019", format!("Wing writes `else if`, not `{word}`"), self.span(start, end))
            .with_label("read as `else if`")
            .with_help("write `else if`");
        self.diags.push(d);
        self.pending.push_back((end, Tok::If, end));
        (start, Tok::Else, end)
    }

    /// A JavaScript-style `` `text` `` on one line: reported once and read
    /// as the string it was meant to be. `None` for a lone backtick.
    fn backtick_string(&mut self, start: usize) -> Option<Spanned<'a>> {
        let rest = self.raw.remainder();
        let len = rest.find(['`', '\n']).filter(|&i| rest.as_bytes()[i] == b'`')?;
        let text = rest[..len].to_string();
        self.raw.bump(len + 1);
        let end = self.raw.span().end;
        let d = Diagnostic::error("E0005", "strings are written in double quotes", self.span(start, end))
            .with_label("a string in backticks")
            .with_help(format!("write `\"{}\"`; `{{…}}` inside it interpolates", text.escape_debug()));
        self.diags.push(d);
        Some((start, Tok::Str(text), end))
    }

    fn raw_string(&mut self, start: usize) -> Spanned<'a> {
        let rest = self.raw.remainder();
        let base = self.raw.span().end;
        let bytes = rest.as_bytes();
        let mut out = String::new();
        let (mut run, mut i) = (0, 0);
        loop {
            match bytes.get(i) {
                None => {
                    out.push_str(&rest[run..]);
                    self.raw.bump(rest.len());
                    let d = Diagnostic::error("E0003", "unterminated raw string", self.span(start, start + 2))
                        .with_label("this string is never closed")
                        .with_help("add a closing `\"`");
                    self.diags.push(d);
                    break;
                }
                Some(b'"') => {
                    out.push_str(&rest[run..i]);
                    self.raw.bump(i + 1);
                    break;
                }
                Some(b'\\') => {
                    out.push_str(&rest[run..i]);
                    i = self.escape(rest, i, base, &mut out);
                    run = i;
                }
                Some(_) => i += 1,
            }
        }
        (start, Tok::Str(out), self.raw.span().end)
    }

    /// Resolves the escape starting at `rest[i]` (a backslash) into `out`;
    /// gives the index just after it. Escapes read as Wing reads them
    /// (JavaScript's): `\n \t \r \b \f \v \0`, `\xHH`, `\uHHHH`,
    /// `\u{H…}`, and a backslash before `" \ { } $ ' / \``. Wing also
    /// reads `\q` as `q`; that is an error here (E0006), as are a digit
    /// other than `\0` and a malformed hex escape.
    fn escape(&mut self, rest: &str, i: usize, base: usize, out: &mut String) -> usize {
        let Some(c) = rest[i + 1..].chars().next() else {
            // A lone backslash at the end of the file: the caller reports
            // the unterminated string.
            return i + 1;
        };
        let simple = match c {
            'n' => '\n',
            't' => '\t',
            'r' => '\r',
            'b' => '\u{8}',
            'f' => '\u{c}',
            'v' => '\u{b}',
            '0' if !rest[i + 2..].starts_with(|d: char| d.is_ascii_digit()) => '\0',
            'u' if rest[i + 2..].starts_with('{') => return self.braced_unicode_escape(rest, i, base, out),
            'u' => return self.hex_escape(rest, i, 4, base, out),
            'x' => return self.hex_escape(rest, i, 2, base, out),
            '0'..='9' => {
                let end = i + 2;
                let d =
                    Diagnostic::error("E0006", format!("octal escape `\\{c}` is not allowed"), self.span(base + i, base + end))
                        .with_label("not an escape")
                        .with_help("write the character with `\\x..` or `\\u{…}`, or `\\\\` for a backslash");
                self.diags.push(d);
                out.push(c);
                return end;
            }
            '"' | '\\' | '{' | '}' | '$' | '\'' | '/' | '`' => c,
            _ => {
                let end = i + 1 + c.len_utf8();
                let d = Diagnostic::error("E0006", format!("unknown escape sequence `\\{}`", c.escape_debug()), self.span(base + i, base + end))
                    .with_label("unknown escape")
                    .with_note(format!("Wing reads it as `{c}` alone, dropping the backslash, which is rarely what was meant"))
                    .with_help("write `\\\\` for a backslash; the escapes are `\\n \\t \\r \\b \\f \\v \\0 \\xHH \\uHHHH \\u{…}` and `\\` before `\" \\ { } $ ' /`");
                self.diags.push(d);
                out.push(c);
                return end;
            }
        };
        out.push(simple);
        i + 1 + c.len_utf8()
    }

    /// `\xHH` (`width` 2) or `\uHHHH` (`width` 4; a surrogate pair of two
    /// such escapes gives one character).
    fn hex_escape(&mut self, rest: &str, i: usize, width: usize, base: usize, out: &mut String) -> usize {
        let read = |at: usize| -> Option<u32> {
            let hex = rest.get(at..at + width)?;
            if hex.bytes().all(|b| b.is_ascii_hexdigit()) { u32::from_str_radix(hex, 16).ok() } else { None }
        };
        let Some(unit) = read(i + 2) else {
            let end = i + 2 + rest[i + 2..].bytes().take(width).take_while(u8::is_ascii_hexdigit).count();
            let kind = if width == 2 { "\\x" } else { "\\u" };
            let d = Diagnostic::error("E0006", format!("invalid escape `{}`", &rest[i..end]), self.span(base + i, base + end))
                .with_label(format!("`{kind}` needs {width} hex digits"))
                .with_help("e.g. `\\x41` or `\\u0041` for `A`, `\\u{1F600}` for any character");
            self.diags.push(d);
            out.push('\u{FFFD}');
            return end;
        };
        let end = i + 2 + width;
        if (0xD800..0xDC00).contains(&unit)
            && rest[end..].starts_with("\\u")
            && let Some(low) = read(end + 2).filter(|l| (0xDC00..0xE000).contains(l))
            && let Some(ch) = char::from_u32(0x10000 + ((unit - 0xD800) << 10) + (low - 0xDC00))
        {
            out.push(ch);
            return end + 6;
        }
        out.push(char::from_u32(unit).unwrap_or('\u{FFFD}'));
        end
    }

    /// `\u{1F600}`: 1 to 6 hex digits naming a unicode scalar value.
    fn braced_unicode_escape(&mut self, rest: &str, i: usize, base: usize, out: &mut String) -> usize {
        let body = &rest[i + 3..];
        let digits = body.bytes().take_while(u8::is_ascii_hexdigit).count();
        let hex = &body[..digits];
        let closed = body[digits..].starts_with('}');
        let end = i + 3 + digits + usize::from(closed);
        let value =
            if closed && (1..=6).contains(&digits) { u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) } else { None };
        match value {
            Some(ch) => out.push(ch),
            None => {
                let shown = &rest[i..end];
                let d = Diagnostic::error("E0006", format!("invalid unicode escape `{shown}`"), self.span(base + i, base + end))
                    .with_label(if closed { "not a unicode scalar value" } else { "expected hex digits and `}`" })
                    .with_help("write 1 to 6 hex digits in braces, e.g. `\\u{1F600}`");
                self.diags.push(d);
                out.push('\u{FFFD}');
            }
        }
        end
    }

    /// A string starting at `start` (its `"`, already consumed).
    fn string(&mut self, start: usize, head: bool) -> Spanned<'a> {
        let (text, end) = self.string_body(start);
        let stop = self.raw.span().end;
        if self.first_multiline_string.is_none() && self.src[start..stop].contains('\n') {
            self.first_multiline_string = Some((start, stop));
        }
        let tok = match (end, head) {
            (StrEnd::Interp, true) => {
                self.delims.push((Delim::Interp, start));
                Tok::StrHead(text)
            }
            (StrEnd::Interp, false) => {
                self.delims.push((Delim::Interp, start));
                Tok::StrMid(text)
            }
            (_, true) => Tok::Str(text),
            (_, false) => Tok::StrTail(text),
        };
        (start, tok, stop)
    }

    /// A number or duration literal at `start`; the logos match covers the
    /// integer part and any letters glued to it.
    fn number(&mut self, start: usize) -> Spanned<'a> {
        // Fraction: `.` followed by a digit (so `0..10` stays a range).
        let rest = self.raw.remainder().as_bytes();
        let is_hex = self.raw.slice().starts_with("0x") || self.raw.slice().starts_with("0X");
        if !is_hex && rest.first() == Some(&b'.') && rest.get(1).is_some_and(u8::is_ascii_digit) {
            let n = 1 + rest[1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count();
            self.raw.bump(n);
        }
        // Exponent sign: `1e-3`, `2.5E+4`.
        let rest = self.raw.remainder().as_bytes();
        if !is_hex
            && self.raw.slice().ends_with(['e', 'E'])
            && matches!(rest.first(), Some(b'+' | b'-'))
            && rest.get(1).is_some_and(u8::is_ascii_digit)
        {
            let n = 1 + rest[1..].iter().take_while(|b| b.is_ascii_alphanumeric() || **b == b'_').count();
            self.raw.bump(n);
        }
        let end = self.raw.span().end;
        let text = &self.src[start..end];
        match parse_number(text) {
            Ok(tok) => (start, tok, end),
            // An unknown unit still makes a duration, so that the one
            // mistake is reported once.
            Err(message) if message.starts_with("unknown duration unit") => {
                let d = Diagnostic::error("E0007", message, self.span(start, end))
                    .with_label("not a duration unit")
                    .with_help("durations look like `10ms` `1.5s` `5m` `2h` `1d` `1mo` `1y`");
                self.diags.push(d);
                (start, Tok::Duration(0.0), end)
            }
            Err(message) => {
                let d = Diagnostic::error("E0007", message, self.span(start, end)).with_label("not a valid number").with_help(
                    "numbers look like `42`, `1_000`, `1.5`, `1e3`, `0x1F`; durations like `10ms` `1.5s` `5m` `2h` `1d` `1mo` `1y`",
                );
                self.diags.push(d);
                (start, Tok::Num(0.0), end)
            }
        }
    }

    /// Handles a closing brace: ends an interpolation, or pops a `{`.
    fn close_brace(&mut self, start: usize, end: usize) -> Spanned<'a> {
        let found = self.delims.iter().rposition(|(d, _)| matches!(d, Delim::Brace | Delim::Interp));
        if let Some(i) = found {
            let (kind, open) = self.delims[i];
            self.delims.truncate(i);
            if kind == Delim::Interp {
                return self.string(open, false).with_start(start);
            }
            if self.indentation_at(open) != self.indentation_at(start) {
                self.misindented_pairs.push((open, start));
            }
        }
        (start, Tok::RBrace, end)
    }

    fn close(&mut self, kind: Delim) {
        if self.delims.last().is_some_and(|(d, _)| *d == kind) {
            self.delims.pop();
        }
    }

    /// At the end of the file: closes whatever is still open with
    /// zero-width tokens, reporting it once (not at all when an unterminated
    /// string, already reported, is what left them open).
    fn finish(&mut self) {
        self.finished = true;
        if self.delims.is_empty() {
            return;
        }
        let eof = self.src.len();
        if self.unreliable_from.is_none() {
            let d = self.unclosed_delimiter();
            self.diags.push(d);
        }
        while let Some((kind, _)) = self.delims.pop() {
            let tok = match kind {
                Delim::Paren => Tok::RParen,
                Delim::Bracket => Tok::RBracket,
                Delim::Brace => Tok::RBrace,
                Delim::Interp => Tok::StrTail(String::new()),
            };
            self.pending.push_back((eof, tok, eof));
        }
    }

    /// The report for the delimiters open at the end of the file. A brace
    /// left open usually went missing where a `}` lines up with an outer
    /// block's `{` (as rustc guesses too), so that pair is shown.
    fn unclosed_delimiter(&mut self) -> Diagnostic {
        let eof = self.src.len();
        let (innermost, at) = *self.delims.last().unwrap_or(&(Delim::Brace, eof));
        let what = delim_text(innermost);
        let misindented = self.misindented_pairs.iter().copied().find(|(open, _)| *open > at);
        let mut d = match (innermost, misindented) {
            (Delim::Interp, _) => {
                self.unreliable_from = Some(at);
                Diagnostic::error("E0003", "unterminated string", self.span(at, at + 1))
                    .with_label("this string's interpolation is never closed")
                    .with_help("close the interpolation with `}` and the string with `\"`")
            }
            (Delim::Brace, Some((open, close))) => {
                self.unreliable_from = Some(close);
                Diagnostic::error("E0009", "a `{` is never closed", self.span(open, open + 1))
                    .with_label("this `{` is probably the one missing its `}`")
                    .with_secondary(self.span(close, close + 1), "this `}` closes it, but its indentation does not match")
                    .with_secondary(self.span(at, at + 1), "so this `{` is left open at the end of the file")
                    .with_help("add the `}` that ends the inner block")
            }
            _ => {
                self.unreliable_from = Some(if innermost == Delim::Brace { eof } else { at });
                self.unclosed_group = matches!(innermost, Delim::Paren | Delim::Bracket).then_some((at, what));
                Diagnostic::error("E0009", format!("unclosed `{what}` at the end of the file"), self.span(at, at + 1))
                    .with_label(format!("this `{what}` is never closed"))
            }
        };
        if misindented.is_none() {
            for &(kind, open) in self.delims.iter().rev().skip(1).take(8) {
                d = d.with_secondary(self.span(open, open + 1), format!("this `{}` is not closed either", delim_text(kind)));
            }
        }
        d
    }

    /// The next token, or `None` at the end.
    fn next_token(&mut self) -> Option<Spanned<'a>> {
        loop {
            if let Some(t) = self.pending.pop_front() {
                return Some(t);
            }
            if self.finished {
                return None;
            }
            let Some(raw) = self.raw.next() else {
                self.finish();
                continue;
            };
            let std::ops::Range { start, end } = self.raw.span();
            let Ok(raw) = raw else {
                self.bad_char(start, end);
                continue;
            };
            let simple = |t: Tok<'a>| Some((start, t, end));
            return match raw {
                Raw::LineComment => continue,
                Raw::CommentStart => {
                    self.block_comment(start);
                    continue;
                }
                Raw::Quote => Some(self.string(start, true)),
                Raw::HashString => Some(self.raw_string(start)),
                Raw::Backtick => match self.backtick_string(start) {
                    Some(tok) => Some(tok),
                    None => {
                        self.bad_char(start, end);
                        continue;
                    }
                },
                Raw::Number => Some(self.number(start)),
                Raw::Ident => match &self.src[start..end] {
                    word @ ("elif" | "elsif" | "elseif") if self.after_close_brace => Some(self.else_if(word, start, end)),
                    word => simple(Tok::Ident(word)),
                },
                Raw::Intrinsic => simple(Tok::Intrinsic(&self.src[start + 1..end])),
                Raw::Coll => simple(Tok::Coll(&self.src[start..end])),
                Raw::LParen => {
                    self.delims.push((Delim::Paren, start));
                    simple(self.left_paren(start))
                }
                Raw::LBracket => {
                    self.delims.push((Delim::Bracket, start));
                    simple(Tok::LBracket)
                }
                Raw::LBrace => {
                    self.delims.push((Delim::Brace, start));
                    simple(Tok::LBrace)
                }
                Raw::RParen => {
                    self.close(Delim::Paren);
                    simple(Tok::RParen)
                }
                Raw::RBracket => {
                    self.close(Delim::Bracket);
                    simple(Tok::RBracket)
                }
                Raw::RBrace => Some(self.close_brace(start, end)),
                other => simple(simple_tok(other)),
            };
        }
    }
}

trait WithStart {
    fn with_start(self, start: usize) -> Self;
}

impl WithStart for Spanned<'_> {
    fn with_start(self, start: usize) -> Self {
        (start, self.1, self.2)
    }
}

impl<'a> Iterator for Lexer<'a> {
    type Item = Result<Spanned<'a>, LexError>;

    fn next(&mut self) -> Option<Self::Item> {
        let t = self.next_token()?;
        self.after_close_brace = t.1 == Tok::RBrace;
        self.token_spans.push((t.0 as u32, t.2 as u32));
        Some(Ok(t))
    }
}

fn delim_text(d: Delim) -> &'static str {
    match d {
        Delim::Paren => "(",
        Delim::Bracket => "[",
        Delim::Brace => "{",
        Delim::Interp => "{",
    }
}

/// The token of a keyword or operator (the data-less variants).
fn simple_tok<'a>(raw: Raw) -> Tok<'a> {
    match raw {
        Raw::Bring => Tok::Bring,
        Raw::Let => Tok::Let,
        Raw::Var => Tok::Var,
        Raw::If => Tok::If,
        Raw::Else => Tok::Else,
        Raw::For => Tok::For,
        Raw::In => Tok::In,
        Raw::While => Tok::While,
        Raw::Break => Tok::Break,
        Raw::Continue => Tok::Continue,
        Raw::Return => Tok::Return,
        Raw::Throw => Tok::Throw,
        Raw::Try => Tok::Try,
        Raw::Catch => Tok::Catch,
        Raw::Finally => Tok::Finally,
        Raw::Lift => Tok::Lift,
        Raw::Test => Tok::Test,
        Raw::Class => Tok::Class,
        Raw::Interface => Tok::Interface,
        Raw::Struct => Tok::Struct,
        Raw::Enum => Tok::Enum,
        Raw::Extends => Tok::Extends,
        Raw::Impl => Tok::Impl,
        Raw::New => Tok::New,
        Raw::As => Tok::As,
        Raw::Pub => Tok::Pub,
        Raw::Protected => Tok::Protected,
        Raw::Internal => Tok::Internal,
        Raw::Static => Tok::Static,
        Raw::Extern => Tok::Extern,
        Raw::Inflight => Tok::Inflight,
        Raw::Preflight => Tok::Preflight,
        Raw::Unphased => Tok::Unphased,
        Raw::True => Tok::True,
        Raw::False => Tok::False,
        Raw::Nil => Tok::Nil,
        Raw::This => Tok::This,
        Raw::Super => Tok::Super,
        Raw::Json => Tok::Json,
        Raw::MutJson => Tok::MutJson,
        Raw::Plus => Tok::Plus,
        Raw::Minus => Tok::Minus,
        Raw::Star => Tok::Star,
        Raw::Slash => Tok::Slash,
        Raw::Backslash => Tok::Backslash,
        Raw::Percent => Tok::Percent,
        Raw::StarStar => Tok::StarStar,
        Raw::EqEq => Tok::EqEq,
        Raw::NotEq => Tok::NotEq,
        Raw::Lt => Tok::Lt,
        Raw::LtEq => Tok::LtEq,
        Raw::Gt => Tok::Gt,
        Raw::GtEq => Tok::GtEq,
        Raw::AndAnd => Tok::AndAnd,
        Raw::OrOr => Tok::OrOr,
        Raw::Bang => Tok::Bang,
        Raw::QuestionQuestion => Tok::QuestionQuestion,
        Raw::QuestionDot => Tok::QuestionDot,
        Raw::Question => Tok::Question,
        Raw::Dot => Tok::Dot,
        Raw::DotDot => Tok::DotDot,
        Raw::DotDotEq => Tok::DotDotEq,
        Raw::DotDotDot => Tok::DotDotDot,
        Raw::FatArrow => Tok::FatArrow,
        Raw::Assign => Tok::Assign,
        Raw::PlusAssign => Tok::PlusAssign,
        Raw::MinusAssign => Tok::MinusAssign,
        Raw::Colon => Tok::Colon,
        Raw::Semi => Tok::Semi,
        Raw::Comma => Tok::Comma,
        Raw::At => Tok::At,
        // Handled by the caller.
        Raw::LineComment
        | Raw::CommentStart
        | Raw::Quote
        | Raw::HashString
        | Raw::Backtick
        | Raw::Number
        | Raw::Ident
        | Raw::Intrinsic
        | Raw::Coll
        | Raw::LParen
        | Raw::RParen
        | Raw::LBracket
        | Raw::RBracket
        | Raw::LBrace
        | Raw::RBrace => Tok::At,
    }
}

/// Seconds per duration unit.
fn unit_seconds(unit: &str) -> Option<f64> {
    Some(match unit {
        "ms" => 0.001,
        "s" => 1.0,
        "m" => 60.0,
        "h" => 3600.0,
        "d" => 86400.0,
        // Wing's month is a twelfth of a 365-day year.
        "mo" => 86400.0 * 365.0 / 12.0,
        "y" => 86400.0 * 365.0,
        _ => return None,
    })
}

/// Reads a number or duration literal: `1_000`, `0x1F`, `1.5`, `1e-3`,
/// `10ms`, `1.5s`.
fn parse_number(text: &str) -> Result<Tok<'static>, String> {
    let bad = || format!("invalid number `{text}`");
    let clean: String = text.chars().filter(|&c| c != '_').collect();
    if text.ends_with('_') || text.contains("__") || text.contains("_.") || text.contains("._") {
        return Err(bad());
    }
    if let Some(hex) = clean.strip_prefix("0x").or_else(|| clean.strip_prefix("0X")) {
        return u64::from_str_radix(hex, 16).map(|v| Tok::Num(v as f64)).map_err(|_| bad());
    }
    let b = clean.as_bytes();
    let digits = |mut i: usize| {
        while b.get(i).is_some_and(u8::is_ascii_digit) {
            i += 1;
        }
        i
    };
    let mut i = digits(0);
    if b.get(i) == Some(&b'.') {
        i = digits(i + 1);
    }
    if matches!(b.get(i), Some(b'e' | b'E')) {
        let mut j = i + 1;
        if matches!(b.get(j), Some(b'+' | b'-')) {
            j += 1;
        }
        if b.get(j).is_some_and(u8::is_ascii_digit) {
            i = digits(j);
        }
    }
    let value: f64 = clean[..i].parse().map_err(|_| bad())?;
    let unit = &clean[i..];
    if unit.is_empty() {
        return Ok(Tok::Num(value));
    }
    match unit_seconds(unit) {
        Some(factor) => Ok(Tok::Duration(value * factor)),
        None if unit.chars().all(|c| c.is_ascii_alphabetic()) => {
            Err(format!("unknown duration unit `{unit}` in `{text}` (expected `ms`, `s`, `m`, `h`, `d`, `mo` or `y`)"))
        }
        None => Err(bad()),
    }
}
