//! Closure heads: which `(` opens a closure's parameter list. `(x) => …`
//! and `(x)` start alike and an LR(1) parser cannot wait for the `=>`, so
//! the lexer looks ahead: a `(` opens a closure when, up to its `)`, it
//! holds only what parameters are made of, and after it comes `=>`, maybe
//! after a return type.
//!
//! Looking ahead from every `(` would read `((((…` quadratically, so the
//! answer is computed for a whole region at once: from a `(`, the tokens
//! up to the first one that can be part of no closure head. Every look
//! ahead from a `(` inside the region stays inside it, and one backward
//! pass over the region decides every `(` of it; each token is read once.

use super::lexer::Raw;
use std::collections::HashMap;
use std::ops::Range;

/// The decided `(`s of one region of the source.
#[derive(Debug, Default)]
pub(super) struct ClosureHeads {
    /// Byte range of the region: from its first `(` to the token after it.
    region: Range<usize>,
    /// The `=>` of each `(` that opens a closure's parameters, by offset.
    arrows: HashMap<usize, usize>,
}

impl ClosureHeads {
    /// Whether the `(` at `offset` was decided by this region.
    pub(super) fn covers(&self, offset: usize) -> bool {
        self.region.contains(&offset)
    }

    /// The `=>` of the closure whose parameters the `(` at `offset` opens.
    pub(super) fn arrow(&self, offset: usize) -> Option<usize> {
        self.arrows.get(&offset).copied()
    }

    /// Decides the region that starts with the `(` at `start`; `after` is
    /// the raw lexer just after that `(`.
    pub(super) fn scan(start: usize, mut after: logos::Lexer<'_, Raw>, source_len: usize) -> ClosureHeads {
        let mut tokens: Vec<(Raw, usize)> = vec![(Raw::LParen, start)];
        let mut end = source_len;
        while let Some(token) = after.next() {
            match token {
                Ok(raw) if in_region(raw) => tokens.push((raw, after.span().start)),
                _ => {
                    end = after.span().start;
                    break;
                }
            }
        }
        let kinds: Vec<Raw> = tokens.iter().map(|(raw, _)| *raw).collect();
        let arrows =
            decide(&kinds).into_iter().enumerate().filter_map(|(i, arrow)| arrow.map(|a| (tokens[i].1, tokens[a].1))).collect();
        ClosureHeads { region: start..end.max(start + 1), arrows }
    }
}

/// Tokens a closure head is made of: parameter names and types, `var`,
/// `...`, `,`, and the `=>` that ends it.
fn in_region(t: Raw) -> bool {
    is_type_token(t) || matches!(t, Raw::Var | Raw::DotDotDot | Raw::Comma | Raw::FatArrow)
}

/// Tokens a type annotation is made of (and a parameter's name).
fn is_type_token(t: Raw) -> bool {
    matches!(
        t,
        Raw::Ident
            | Raw::Coll
            | Raw::Json
            | Raw::MutJson
            | Raw::Inflight
            | Raw::Colon
            | Raw::Dot
            | Raw::Lt
            | Raw::Gt
            | Raw::Question
            | Raw::LParen
            | Raw::RParen
    )
}

/// For each token of a region, the index of its `=>` when it is a `(`
/// opening a closure's parameters. The region ends with a token that
/// belongs to no head (or the end of the file), where every look ahead
/// fails.
fn decide(tokens: &[Raw]) -> Vec<Option<usize>> {
    let n = tokens.len();
    // The `)` of each `(`, counting parentheses only (parameters).
    let paren_match = matches(tokens, |t| t == Raw::LParen, |t| t == Raw::RParen);
    // The closer of each `(` or `<`, counting both alike (return types).
    let nest_match = matches(tokens, |t| matches!(t, Raw::LParen | Raw::Lt), |t| matches!(t, Raw::RParen | Raw::Gt));
    // The first `=>` at or after each index (parameters end before it).
    let next_arrow = next_where(tokens, |t| t == Raw::FatArrow);
    // The first token at or after each index that no nested return type
    // part may hold.
    let next_unnestable = next_where(tokens, |t| matches!(t, Raw::FatArrow | Raw::Var | Raw::DotDotDot));
    // The `=>` that ends a return type starting at each index.
    let mut return_type_end: Vec<Option<usize>> = vec![None; n + 1];
    for j in (0..n).rev() {
        return_type_end[j] = match tokens[j] {
            Raw::FatArrow => Some(j),
            Raw::LParen | Raw::Lt => nest_match[j].filter(|c| next_unnestable[j + 1] > *c).and_then(|c| return_type_end[c + 1]),
            Raw::RParen | Raw::Gt | Raw::Comma | Raw::Var | Raw::DotDotDot => None,
            _ => return_type_end[j + 1],
        };
    }
    (0..n)
        .map(|i| {
            let close = paren_match[i].filter(|m| tokens[i] == Raw::LParen && next_arrow[i] > *m)?;
            match tokens.get(close + 1) {
                Some(Raw::FatArrow) => Some(close + 1),
                Some(Raw::Colon) => return_type_end[close + 2],
                _ => None,
            }
        })
        .collect()
}

/// The index of the closer of each opener (stack matching).
fn matches(tokens: &[Raw], opens: impl Fn(Raw) -> bool, closes: impl Fn(Raw) -> bool) -> Vec<Option<usize>> {
    let mut matched = vec![None; tokens.len()];
    let mut open = Vec::new();
    for (i, t) in tokens.iter().enumerate() {
        if opens(*t) {
            open.push(i);
        } else if closes(*t)
            && let Some(opener) = open.pop()
        {
            matched[opener] = Some(i);
        }
    }
    matched
}

/// For each index (and one past the end), the first index at or after it
/// whose token satisfies `what`, or the length.
fn next_where(tokens: &[Raw], what: impl Fn(Raw) -> bool) -> Vec<usize> {
    let mut next = vec![tokens.len(); tokens.len() + 1];
    for i in (0..tokens.len()).rev() {
        next[i] = if what(tokens[i]) { i } else { next[i + 1] };
    }
    next
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The look ahead from the `(` at `i` as the lexer once did it, one
    /// token at a time (quadratic over nested parentheses).
    fn look_ahead(tokens: &[Raw], i: usize) -> Option<usize> {
        let mut at = i + 1;
        let mut next = || {
            at += 1;
            tokens.get(at - 1).copied()
        };
        let mut depth = 1;
        while depth > 0 {
            match next()? {
                Raw::LParen => depth += 1,
                Raw::RParen => depth -= 1,
                Raw::Var | Raw::DotDotDot | Raw::Comma => {}
                t if is_type_token(t) => {}
                _ => return None,
            }
        }
        match next()? {
            Raw::FatArrow => return Some(at - 1),
            Raw::Colon => {}
            _ => return None,
        }
        let mut nesting = 0;
        loop {
            match next()? {
                Raw::FatArrow if nesting == 0 => return Some(at - 1),
                Raw::LParen | Raw::Lt => nesting += 1,
                Raw::RParen | Raw::Gt if nesting > 0 => nesting -= 1,
                Raw::Comma if nesting > 0 => {}
                t if is_type_token(t) && !matches!(t, Raw::LParen | Raw::RParen | Raw::Lt | Raw::Gt) => {}
                _ => return None,
            }
        }
    }

    #[test]
    fn one_pass_decides_as_the_token_by_token_look_ahead() {
        const ALPHABET: &[Raw] = &[
            Raw::LParen,
            Raw::LParen,
            Raw::RParen,
            Raw::RParen,
            Raw::Ident,
            Raw::Colon,
            Raw::Comma,
            Raw::FatArrow,
            Raw::Lt,
            Raw::Gt,
            Raw::Var,
            Raw::DotDotDot,
            Raw::Question,
        ];
        let mut state = 0x1234_5678_9abc_def0u64;
        let mut random = |n: usize| {
            state ^= state << 13;
            state ^= state >> 7;
            state ^= state << 17;
            (state % n as u64) as usize
        };
        for _ in 0..20_000 {
            let len = 1 + random(14);
            let mut tokens: Vec<Raw> = (0..len).map(|_| ALPHABET[random(ALPHABET.len())]).collect();
            tokens.insert(0, Raw::LParen);
            let decided = decide(&tokens);
            for (i, arrow) in decided.iter().enumerate() {
                let expected = if tokens[i] == Raw::LParen { look_ahead(&tokens, i) } else { None };
                assert_eq!(*arrow, expected, "{tokens:?} at {i}");
            }
        }
    }

    #[test]
    fn nested_parentheses_are_decided_in_one_pass() {
        let depth = 200_000;
        let mut tokens = vec![Raw::LParen; depth];
        tokens.push(Raw::Ident);
        tokens.extend(std::iter::repeat_n(Raw::RParen, depth));
        let decided = decide(&tokens);
        assert!(decided.iter().all(Option::is_none));
        tokens.push(Raw::FatArrow);
        assert_eq!(decide(&tokens)[0], Some(2 * depth + 1));
    }
}
