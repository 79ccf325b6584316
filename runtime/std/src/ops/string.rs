//! `str` members. Positions count characters (Unicode scalar values), not
//! bytes, so `"héllo".at(1) == "é"`.

use super::{StdError, StdFn, StdResult, index_in, num_arg, opt_num_arg, str_arg};
use crate::text::Text;
use crate::value::Value;
use memchr::memmem;
use std::rc::Rc;

/// The text of a `str` argument, borrowed (no reference count touched).
fn text_arg(args: &[Value], index: usize) -> Result<&Text, StdError> {
    match super::arg(args, index) {
        Value::Str(s) => Ok(s),
        other => Err(super::mismatch("a string", other)),
    }
}

/// The byte offset of character `i` of `text` (its length when `i` is
/// past the end): `i` itself when the text is ASCII.
fn char_offset(text: &Text, i: usize) -> usize {
    if text.is_ascii() {
        return i.min(text.len());
    }
    str_offset(text, i)
}

/// The byte offset of character `i` of `text`, counting.
fn str_offset(text: &str, i: usize) -> usize {
    text.char_indices().nth(i).map_or(text.len(), |(at, _)| at)
}

pub(super) fn lookup(member: &str) -> Option<StdFn> {
    Some(match member {
        "length" => |a| Ok(Value::Num(text_arg(a, 0)?.char_count() as f64)),
        "at" => at,
        "concat" => |a| Ok(Value::Str(Rc::new(Text::concat(text_arg(a, 0)?, text_arg(a, 1)?)))),
        "contains" => |a| Ok(Value::Bool(memmem::find(text_arg(a, 0)?.as_bytes(), text_arg(a, 1)?.as_bytes()).is_some())),
        "startsWith" => |a| Ok(Value::Bool(text_arg(a, 0)?.starts_with(text_arg(a, 1)?.as_str()))),
        "endsWith" => |a| Ok(Value::Bool(text_arg(a, 0)?.ends_with(text_arg(a, 1)?.as_str()))),
        "indexOf" => index_of,
        "lowercase" => |a| Ok(Value::string(str_arg(a, 0)?.to_lowercase())),
        "uppercase" => |a| Ok(Value::string(str_arg(a, 0)?.to_uppercase())),
        "split" => split,
        "substring" => substring,
        "replace" => |a| Ok(Value::string(replace_matches(&str_arg(a, 0)?, &str_arg(a, 1)?, &str_arg(a, 2)?, false))),
        "replaceAll" => |a| Ok(Value::string(replace_matches(&str_arg(a, 0)?, &str_arg(a, 1)?, &str_arg(a, 2)?, true))),
        "trim" => |a| Ok(Value::str(str_arg(a, 0)?.trim_matches(is_js_space))),
        "trimStart" => |a| Ok(Value::str(str_arg(a, 0)?.trim_start_matches(is_js_space))),
        "trimEnd" => |a| Ok(Value::str(str_arg(a, 0)?.trim_end_matches(is_js_space))),
        "fromJson" => from_json,
        _ => return None,
    })
}

/// JavaScript's white space and line terminators, what `trim` removes:
/// Unicode's white space without U+0085, plus the byte order mark.
pub(crate) fn is_js_space(c: char) -> bool {
    c == '\u{FEFF}' || (c.is_whitespace() && c != '\u{85}')
}

fn at(args: &[Value]) -> StdResult {
    let text = text_arg(args, 0)?;
    // As `String.prototype.at`: a fraction is cut off.
    let index = num_arg(args, 1)?.trunc();
    let count = text.char_count();
    let i = index_in(super::from_end(index, count), count).map_err(|_| StdError::new("index out of bounds"))?;
    let start = char_offset(text, i);
    let end = text[start..].chars().next().map_or(start, |c| start + c.len_utf8());
    Ok(Value::str(&text[start..end]))
}

fn index_of(args: &[Value]) -> StdResult {
    let text = text_arg(args, 0)?;
    let needle = text_arg(args, 1)?;
    let position = memmem::find(text.as_bytes(), needle.as_bytes())
        .map(|byte| if text.is_ascii() { byte } else { text[..byte].chars().count() });
    Ok(Value::Num(position.map_or(-1.0, |i| i as f64)))
}

fn split(args: &[Value]) -> StdResult {
    let text = text_arg(args, 0)?;
    let separator = text_arg(args, 1)?;
    let mut parts = Vec::new();
    if separator.is_empty() {
        parts.extend(text.chars().map(|c| Value::string(c.to_string())));
    } else {
        let mut last = 0;
        for at in occurrences(text, separator) {
            parts.push(Value::str(&text[last..at]));
            last = at + separator.len();
        }
        parts.push(Value::str(&text[last..]));
    }
    Ok(Value::array(parts))
}

/// The byte offsets of the occurrences of `needle` (not empty) in `text`,
/// left to right, not overlapping: memchr's substring search, several
/// times faster than `str::find`'s on the one-character separators
/// programs split and replace by (and always on character boundaries,
/// UTF-8 being self-synchronising).
fn occurrences<'a>(text: &'a str, needle: &'a str) -> impl Iterator<Item = usize> + 'a {
    memmem::find_iter(text.as_bytes(), needle.as_bytes())
}

/// JavaScript's `substring`: bounds are clamped to the string and swapped
/// when the start is after the end.
fn substring(args: &[Value]) -> StdResult {
    let text = text_arg(args, 0)?;
    let count = text.char_count();
    let clamp = |n: f64| if n.is_nan() { 0 } else { n.clamp(0.0, count as f64) as usize };
    let start = clamp(num_arg(args, 1)?);
    let end = opt_num_arg(args, 2)?.map_or(count, clamp);
    let (from, to) = (start.min(end), start.max(end));
    let begin = char_offset(text, from);
    let finish = if text.is_ascii() { to } else { begin + str_offset(&text[begin..], to - from) };
    Ok(Value::str(&text[begin..finish]))
}

/// Replaces the first (or every) occurrence of `from` in `text`, as
/// JavaScript does: an empty `from` matches before each character (and at
/// the end), and `to` may use `$$` (a `$`), `$&` (the match), `` $` `` (the
/// text before it) and `$'` (the text after it).
fn replace_matches(text: &str, from: &str, to: &str, all: bool) -> String {
    let positions: Box<dyn Iterator<Item = usize>> = if from.is_empty() {
        Box::new(text.char_indices().map(|(i, _)| i).chain(std::iter::once(text.len())))
    } else {
        Box::new(occurrences(text, from))
    };
    let mut out = String::with_capacity(text.len());
    let mut last = 0;
    for at in positions.take(if all { usize::MAX } else { 1 }) {
        out.push_str(&text[last..at]);
        let end = at + from.len();
        expand_replacement(&mut out, to, (text, at, end));
        last = end;
    }
    out.push_str(&text[last..]);
    out
}

/// Appends the replacement `to` for the match `at..end` of `text`,
/// expanding JavaScript's `$$`, `$&`, `` $` `` and `$'`.
fn expand_replacement(out: &mut String, to: &str, (text, at, end): (&str, usize, usize)) {
    if !to.contains('$') {
        out.push_str(to);
        return;
    }
    let mut chars = to.chars().peekable();
    while let Some(c) = chars.next() {
        let expansion = match (c, chars.peek()) {
            ('$', Some('$')) => "$",
            ('$', Some('&')) => &text[at..end],
            ('$', Some('`')) => &text[..at],
            ('$', Some('\'')) => &text[end..],
            _ => {
                out.push(c);
                continue;
            }
        };
        out.push_str(expansion);
        chars.next();
    }
}

fn from_json(args: &[Value]) -> StdResult {
    match super::arg(args, 0) {
        value @ Value::Str(_) => Ok(value.clone()),
        other => Err(StdError(format!("unable to parse {} as a string", other.display()))),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn call(member: &str, args: &[Value]) -> StdResult {
        lookup(member).expect("member exists")(args)
    }

    fn s(text: &str) -> Value {
        Value::str(text)
    }

    #[test]
    fn positions_count_characters() {
        assert!(call("at", &[s("héllo"), Value::Num(1.0)]).unwrap().equals(&s("é")));
        assert!(call("indexOf", &[s("héllo"), s("l")]).unwrap().equals(&Value::Num(2.0)));
        assert!(call("length", &[s("héllo")]).unwrap().equals(&Value::Num(5.0)));
        assert_eq!(call("at", &[s("abc"), Value::Num(3.0)]).unwrap_err().0, "index out of bounds");
    }

    #[test]
    fn substring_clamps_and_swaps_like_javascript() {
        assert!(call("substring", &[s("héllo"), Value::Num(3.0), Value::Num(1.0)]).unwrap().equals(&s("él")));
        assert!(call("substring", &[s("hello"), Value::Num(3.0), Value::Nil]).unwrap().equals(&s("lo")));
        assert!(call("substring", &[s("hello"), Value::Num(-2.0), Value::Num(99.0)]).unwrap().equals(&s("hello")));
    }

    #[test]
    fn split_and_replace() {
        let parts = call("split", &[s("a,b"), s(",")]).unwrap();
        assert_eq!(parts.to_json_text().unwrap(), r#"["a","b"]"#);
        assert_eq!(call("split", &[s("abc"), s("")]).unwrap().to_json_text().unwrap(), r#"["a","b","c"]"#);
        assert_eq!(call("split", &[s("é→ü→→"), s("→")]).unwrap().to_json_text().unwrap(), r#"["é","ü","",""]"#);
        assert_eq!(call("split", &[s("abab"), s("ab")]).unwrap().to_json_text().unwrap(), r#"["","",""]"#);
        assert!(call("replaceAll", &[s("aaaa"), s("aa"), s("b")]).unwrap().equals(&s("bb")));
        assert!(call("replace", &[s("naïve naïve"), s("ï"), s("i")]).unwrap().equals(&s("naive naïve")));
        assert!(call("indexOf", &[s("naïve"), s("v")]).unwrap().equals(&Value::Num(3.0)));
        assert!(call("replace", &[s("aXbXc"), s("X"), s("-")]).unwrap().equals(&s("a-bXc")));
        assert!(call("replaceAll", &[s("aXbXc"), s("X"), s("-")]).unwrap().equals(&s("a-b-c")));
        assert!(call("replace", &[s("Hello, World"), s("World"), s("$&$&")]).unwrap().equals(&s("Hello, WorldWorld")));
        assert!(call("replaceAll", &[s("Hello, World"), s("o"), s("$$")]).unwrap().equals(&s("Hell$, W$rld")));
        assert!(call("replace", &[s("ab"), s("b"), s("[$`|$']")]).unwrap().equals(&s("a[a|]")));
        assert!(call("replace", &[s("price: 5"), s("5"), s("$5")]).unwrap().equals(&s("price: $5")));
        assert!(call("replace", &[s("abc"), s(""), s("-")]).unwrap().equals(&s("-abc")));
        assert!(call("replaceAll", &[s("abc"), s(""), s("-")]).unwrap().equals(&s("-a-b-c-")));
    }
}
