//! The formatter: takes a file's text, gives it in the one canonical
//! layout (`spec/13-formatting.md`), or the syntax errors that stop it.
//!
//! It re-prints the file's tokens exactly as written and decides only the
//! whitespace between them, so the formatted program parses to the same
//! tree by construction; comments are kept where they were (at the end
//! of a line, or on their own line at the indentation of the code around
//! them). The layout comes from the tokens and a few facts read from the
//! AST ([`hints`]): blocks and declaration bodies get one statement per
//! line, two spaces per level; a literal, argument or parameter list stays
//! on one line unless it was written with a line break after its opening
//! bracket, then it gets one item per line. At most one blank line is kept
//! where the source had any.

mod hints;

use crate::diagnostics::Diagnostic;
use crate::syntax::ast::FileId;
use crate::syntax::lexer::{Lexer, Tok};
use crate::syntax::{self, NodeIdGen};
use hints::{BodyKind, Hints};

/// The canonical layout of `text`, or why it cannot be formatted (its
/// syntax errors: the formatter never guesses at a broken file). Runs on
/// a thread with the compiler's stack: a long file's parse nests deep.
pub fn format(text: &str) -> Result<String, Vec<Diagnostic>> {
    crate::stack::on_compile_thread(|| format_here(text))
}

fn format_here(text: &str) -> Result<String, Vec<Diagnostic>> {
    let mut ids = NodeIdGen::new();
    let (module, diagnostics) = syntax::parse(text, FileId(0), &mut ids);
    if diagnostics.iter().any(Diagnostic::is_error) {
        return Err(diagnostics);
    }
    let mut lexer = Lexer::new(text, FileId(0));
    let tokens: Vec<Token<'_>> = lexer
        .by_ref()
        .flatten()
        .filter(|(start, _, end)| end > start)
        .map(|(start, tok, end)| Token { start, end, tok })
        .collect();
    if lexer.diagnostics().iter().any(Diagnostic::is_error) {
        return Err(lexer.into_diagnostics());
    }
    let mut hints = Hints::of(&module);
    resolve_hints(&mut hints, &tokens);
    Ok(Printer::new(text, &tokens, &hints).print())
}

struct Token<'a> {
    start: usize,
    end: usize,
    tok: Tok<'a>,
}

/// Turns "the first `{` after here" and "the first `>` after here" into
/// token offsets.
fn resolve_hints(hints: &mut Hints, tokens: &[Token<'_>]) {
    let first_after = |offset: usize, wanted: &Tok<'_>| {
        let at = tokens.partition_point(|t| t.start < offset);
        tokens[at..].iter().find(|t| t.tok == *wanted).map(|t| t.start)
    };
    for (after, kind) in std::mem::take(&mut hints.body_after) {
        if let Some(brace) = first_after(after, &Tok::LBrace) {
            match kind {
                BodyKind::Block => hints.block_opens.insert(brace),
                BodyKind::List => hints.list_opens.insert(brace),
            };
        }
    }
    for (start, last) in std::mem::take(&mut hints.type_params) {
        if let Some(close) = first_after(last, &Tok::Gt) {
            hints.type_ranges.push((start, close + 1));
        }
    }
}

/// What separates two tokens.
#[derive(Clone, Copy, PartialEq, Eq, Debug)]
enum Sep {
    None,
    Space,
    Newline,
}

/// An open bracket and how its contents are laid out.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Group {
    /// A block or declaration body: one statement per line, indented.
    Block,
    /// A list written across lines: one item per line, indented.
    Multi,
    /// An enum's variants: one per line, indented.
    List,
    /// A list kept on one line.
    Inline,
    /// A `{ … }` literal kept on one line: spaces inside the braces.
    InlineBraces,
}

impl Group {
    fn indents(self) -> bool {
        matches!(self, Group::Block | Group::Multi | Group::List)
    }
}

/// A comment between two tokens, with how many line breaks came before it.
struct Comment<'a> {
    text: &'a str,
    breaks_before: usize,
    is_line: bool,
}

struct Printer<'a> {
    text: &'a str,
    tokens: &'a [Token<'a>],
    hints: &'a Hints,
    out: String,
    groups: Vec<Group>,
    /// Whether each token (by index) ends an operand: a following `(`
    /// calls, `!` unwraps, `-` subtracts.
    operand_end: Vec<bool>,
    /// The group each closing token (by index) closed.
    closed: Vec<Option<Group>>,
    /// Line breaks not yet written, with whether a blank line is wanted.
    pending_break: Option<bool>,
    /// Extra indentation of a line forced by a comment inside an
    /// expression.
    continuation: bool,
}

const INDENT: &str = "  ";

impl<'a> Printer<'a> {
    fn new(text: &'a str, tokens: &'a [Token<'a>], hints: &'a Hints) -> Printer<'a> {
        Printer {
            text,
            tokens,
            hints,
            out: String::with_capacity(text.len() + text.len() / 8),
            groups: Vec::new(),
            operand_end: Vec::with_capacity(tokens.len()),
            closed: Vec::with_capacity(tokens.len()),
            pending_break: None,
            continuation: false,
        }
    }

    fn print(mut self) -> String {
        let mut previous_end = 0;
        for i in 0..self.tokens.len() {
            let token = &self.tokens[i];
            let sep = if i == 0 { Sep::Newline } else { self.separator(i - 1, i) };
            let gap = &self.text[previous_end..token.start];
            self.gap(gap, sep);
            self.write(&self.text[token.start..token.end]);
            self.open_or_close(i);
            previous_end = token.end;
        }
        let tail = &self.text[previous_end..];
        self.trailing_comments(tail);
        let trimmed = self.out.trim_end().len();
        self.out.truncate(trimmed);
        if !self.out.is_empty() {
            self.out.push('\n');
        }
        self.out
    }

    /// Writes what goes between the previous token and the next: the
    /// comments of the gap, then the separator.
    fn gap(&mut self, gap: &str, sep: Sep) {
        let (comments, breaks_after) = comments_in(gap);
        let mut sep = sep;
        for comment in &comments {
            if comment.breaks_before == 0 && !self.out.is_empty() && self.pending_break.is_none() {
                self.write(" ");
            } else {
                self.line_break(comment.breaks_before >= 2 && !self.out.is_empty(), sep != Sep::Newline);
            }
            self.write(comment.text);
            if comment.is_line {
                self.pending_break = Some(false);
            }
        }
        let after_comment = comments.last();
        if let Some(comment) = after_comment
            && (comment.is_line || breaks_after > 0)
            && sep != Sep::Newline
        {
            self.line_break(false, true);
            sep = Sep::None;
        }
        match sep {
            Sep::Newline => self.line_break(breaks_after >= 2 && !self.after_opener(), false),
            Sep::Space if self.pending_break.is_none() && after_comment.is_none_or(|c| !c.is_line) => self.write(" "),
            _ => {}
        }
    }

    fn after_opener(&self) -> bool {
        self.out.ends_with('{') || self.out.ends_with('(') || self.out.ends_with('[')
    }

    fn trailing_comments(&mut self, tail: &str) {
        for comment in comments_in(tail).0 {
            if comment.breaks_before == 0 && !self.out.is_empty() {
                self.write(" ");
            } else {
                self.line_break(comment.breaks_before >= 2, false);
            }
            self.write(comment.text);
        }
    }

    /// Asks for a line break before the next text (a blank line too when
    /// `blank`); `continuation` indents that line one level deeper.
    fn line_break(&mut self, blank: bool, continuation: bool) {
        let blank = blank || self.pending_break == Some(true);
        self.pending_break = Some(blank);
        self.continuation = continuation;
    }

    fn write(&mut self, text: &str) {
        if let Some(blank) = self.pending_break.take() {
            let trimmed = self.out.trim_end_matches([' ', '\t']).len();
            self.out.truncate(trimmed);
            if !self.out.is_empty() {
                self.out.push('\n');
                if blank {
                    self.out.push('\n');
                }
            }
            let closing = matches!(text, "}" | ")" | "]") && self.closes_indented_group();
            let level =
                self.groups.iter().filter(|g| g.indents()).count() - usize::from(closing) + usize::from(self.continuation);
            for _ in 0..level {
                self.out.push_str(INDENT);
            }
            self.continuation = false;
        }
        self.out.push_str(text);
    }

    /// Whether the innermost group indents (its closer goes back a level).
    fn closes_indented_group(&self) -> bool {
        self.groups.last().is_some_and(|g| g.indents())
    }

    /// Keeps the stack of open groups up to date for token `i`.
    fn open_or_close(&mut self, i: usize) {
        let token = &self.tokens[i];
        let is_operand_end = self.is_operand_end(i);
        self.operand_end.push(is_operand_end);
        let mut closed = None;
        match token.tok {
            Tok::LBrace if self.hints.block_opens.contains(&token.start) => self.groups.push(Group::Block),
            Tok::LBrace if self.hints.list_opens.contains(&token.start) => self.groups.push(Group::List),
            Tok::LBrace => self.groups.push(self.list_group(i, Group::InlineBraces)),
            Tok::LParen | Tok::ClosureLParen | Tok::LBracket => self.groups.push(self.list_group(i, Group::Inline)),
            Tok::RBrace | Tok::RParen | Tok::RBracket | Tok::StrTail(_) => closed = self.groups.pop(),
            Tok::StrHead(_) => self.groups.push(Group::Inline),
            _ => {}
        }
        self.closed.push(closed);
    }

    /// A list is laid out one item per line when it was written with a
    /// line break right after its opening bracket.
    fn list_group(&self, i: usize, inline: Group) -> Group {
        let Some(next) = self.tokens.get(i + 1) else { return inline };
        if is_closer(&next.tok) {
            return inline;
        }
        let gap = &self.text[self.tokens[i].end..next.start];
        if gap.contains('\n') { Group::Multi } else { inline }
    }

    fn top(&self) -> Option<Group> {
        self.groups.last().copied()
    }

    /// The separator between tokens `a` and `b` (groups are as after `a`).
    fn separator(&self, a: usize, b: usize) -> Sep {
        let (prev, next) = (&self.tokens[a].tok, &self.tokens[b].tok);
        let top = self.top();
        let opener_of_next = is_closer(next);
        if is_opener(prev) && opener_of_next {
            return Sep::None;
        }
        if is_opener(prev) && top.is_some_and(Group::indents) {
            return Sep::Newline;
        }
        if opener_of_next && top.is_some_and(Group::indents) {
            return Sep::Newline;
        }
        if *prev == Tok::Semi && top.is_none_or(|g| g == Group::Block) {
            return Sep::Newline;
        }
        if *prev == Tok::Comma && matches!(top, Some(Group::Multi | Group::List)) {
            return Sep::Newline;
        }
        if *prev == Tok::RBrace && matches!(self.closed[a], Some(Group::Block | Group::List)) {
            return match next {
                Tok::Else | Tok::Catch | Tok::Finally => Sep::Space,
                Tok::RParen | Tok::RBracket | Tok::Comma | Tok::Semi | Tok::Dot | Tok::QuestionDot => Sep::None,
                Tok::RBrace if top == Some(Group::InlineBraces) => Sep::Space,
                _ => Sep::Newline,
            };
        }
        if *prev == Tok::LBrace && top == Some(Group::InlineBraces) || *next == Tok::RBrace && top == Some(Group::InlineBraces) {
            return Sep::Space;
        }
        self.spacing(a, b)
    }

    /// Spaces within a line.
    fn spacing(&self, a: usize, b: usize) -> Sep {
        let (prev, next) = (&self.tokens[a].tok, &self.tokens[b].tok);
        let prev_operand = self.operand_end[a];
        let generic = |i: usize| self.hints.is_type_bracket(self.tokens[i].start);
        match (prev, next) {
            (Tok::StrHead(_) | Tok::StrMid(_), _) | (_, Tok::StrMid(_) | Tok::StrTail(_)) => Sep::None,
            (Tok::LParen | Tok::ClosureLParen | Tok::LBracket, _) => Sep::None,
            (_, Tok::RParen | Tok::RBracket | Tok::Comma | Tok::Semi | Tok::Colon) => Sep::None,
            (Tok::Question, Tok::Dot | Tok::Question | Tok::QuestionQuestion | Tok::QuestionDot) => Sep::Space,
            (Tok::Dot | Tok::DotDot, Tok::Dot | Tok::DotDot | Tok::DotDotDot | Tok::DotDotEq) => Sep::Space,
            (_, Tok::Dot | Tok::QuestionDot) | (Tok::Dot | Tok::QuestionDot, _) => Sep::None,
            (Tok::DotDotDot, _) | (_, Tok::DotDot | Tok::DotDotEq) | (Tok::DotDot | Tok::DotDotEq, _) => Sep::None,
            (_, Tok::Question) => Sep::None,
            (_, Tok::Bang) if prev_operand => Sep::None,
            (Tok::Bang, _) if !prev_operand => Sep::None,
            (Tok::Minus, _) if !self.operand_end_before(a) => Sep::None,
            (_, Tok::Lt | Tok::Gt) if generic(b) => Sep::None,
            (Tok::Lt, _) if generic(a) => Sep::None,
            (Tok::Gt, Tok::LBracket | Tok::LParen | Tok::Gt) if generic(a) => Sep::None,
            (Tok::Gt, Tok::LBrace) if generic(a) && !self.hints.block_opens.contains(&self.tokens[b].start) => Sep::None,
            (Tok::New, Tok::LParen) => Sep::None,
            (_, Tok::LParen | Tok::LBracket) if prev_operand => Sep::None,
            _ => Sep::Space,
        }
    }

    /// Whether the token before `i` ends an operand (so `i` is a binary
    /// operator); known only for tokens already printed.
    fn operand_end_before(&self, i: usize) -> bool {
        i > 0 && self.operand_end[i - 1]
    }

    fn is_operand_end(&self, i: usize) -> bool {
        match &self.tokens[i].tok {
            Tok::Ident(_)
            | Tok::Num(_)
            | Tok::Duration(_)
            | Tok::Str(_)
            | Tok::StrTail(_)
            | Tok::Intrinsic(_)
            | Tok::Coll(_)
            | Tok::True
            | Tok::False
            | Tok::Nil
            | Tok::This
            | Tok::Super
            | Tok::RParen
            | Tok::RBracket
            | Tok::RBrace
            | Tok::Question => true,
            Tok::Bang => self.operand_end_before(i),
            Tok::Gt => self.hints.is_type_bracket(self.tokens[i].start),
            _ => false,
        }
    }
}

fn is_opener(tok: &Tok<'_>) -> bool {
    matches!(tok, Tok::LBrace | Tok::LParen | Tok::ClosureLParen | Tok::LBracket)
}

fn is_closer(tok: &Tok<'_>) -> bool {
    matches!(tok, Tok::RBrace | Tok::RParen | Tok::RBracket)
}

/// The comments in the whitespace between two tokens, and how many line
/// breaks follow the last one (or make up the gap when there is none).
fn comments_in(gap: &str) -> (Vec<Comment<'_>>, usize) {
    let mut comments = Vec::new();
    let mut breaks = 0;
    let mut rest = gap;
    let mut offset = 0;
    while offset < rest.len() {
        let tail = &rest[offset..];
        if tail.starts_with("//") {
            let len = tail.find('\n').unwrap_or(tail.len());
            comments.push(Comment { text: tail[..len].trim_end(), breaks_before: breaks, is_line: true });
            breaks = 0;
            rest = &tail[len..];
            offset = 0;
        } else if tail.starts_with("/*") {
            let len = tail.find("*/").map_or(tail.len(), |end| end + 2);
            comments.push(Comment { text: &tail[..len], breaks_before: breaks, is_line: false });
            breaks = 0;
            rest = &tail[len..];
            offset = 0;
        } else {
            let c = tail.chars().next().unwrap_or(' ');
            if c == '\n' {
                breaks += 1;
            }
            offset += c.len_utf8();
        }
    }
    (comments, breaks)
}

#[cfg(test)]
mod tests;
