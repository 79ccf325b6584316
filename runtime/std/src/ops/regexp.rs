//! `regex` members, as Wing's `regex` type: a compiled pattern is its
//! source text (a `Value::Str`), compiled again by each operation. The
//! syntax is the `regex` crate's, which agrees with JavaScript's except
//! for look-around and back-references (an error here). Indices count
//! UTF-16 code units and replacements read `$1`, `$<name>`, `$&`, `$$`,
//! as in JavaScript.

use super::{StdError, StdFn, StdResult, str_arg};
use crate::value::Value;
use regex::{Captures, Regex};

pub(super) fn lookup(member: &str) -> Option<StdFn> {
    Some(match member {
        "compile" => compile_value,
        "test" => |a| Ok(Value::Bool(pattern(a)?.is_match(&str_arg(a, 1)?))),
        "find" => |a| Ok(pattern(a)?.find(&str_arg(a, 1)?).map_or(Value::Nil, |m| Value::str(m.as_str()))),
        "findIndex" => find_index,
        "findSubmatch" => find_submatch,
        "findSubmatchIndex" => find_submatch_index,
        "findAll" => |a| {
            let text = str_arg(a, 1)?;
            Ok(Value::array(pattern(a)?.find_iter(&text).map(|m| Value::str(m.as_str())).collect()))
        },
        "findAllIndex" => find_all_index,
        "replaceAll" => replace_all,
        _ => return None,
    })
}

/// `regex.compile(p)`: the pattern, once it is known to compile.
fn compile_value(args: &[Value]) -> StdResult {
    let source = str_arg(args, 0)?;
    compile(&source)?;
    Ok(Value::Str(source))
}

fn compile(source: &str) -> Result<Regex, StdError> {
    Regex::new(source).map_err(|e| StdError::new(format!("Invalid regular expression: /{source}/: {}", first_line(&e))))
}

/// The crate's message without its picture of the pattern.
fn first_line(error: &regex::Error) -> String {
    let text = error.to_string();
    let last = text.lines().last().unwrap_or_default().trim();
    last.strip_prefix("error: ").unwrap_or(last).to_string()
}

/// The receiver's pattern, compiled.
fn pattern(args: &[Value]) -> Result<Regex, StdError> {
    compile(&str_arg(args, 0)?)
}

/// A byte offset of `text` as a count of UTF-16 code units.
fn utf16(text: &str, byte: usize) -> f64 {
    text[..byte].encode_utf16().count() as f64
}

fn span(text: &str, start: usize, end: usize) -> Value {
    Value::array(vec![Value::Num(utf16(text, start)), Value::Num(utf16(text, end))])
}

fn find_index(args: &[Value]) -> StdResult {
    let text = str_arg(args, 1)?;
    Ok(pattern(args)?.find(&text).map_or(Value::Nil, |m| span(&text, m.start(), m.end())))
}

fn find_all_index(args: &[Value]) -> StdResult {
    let text = str_arg(args, 1)?;
    Ok(Value::array(pattern(args)?.find_iter(&text).map(|m| span(&text, m.start(), m.end())).collect()))
}

/// The match and its groups; a group that took no part is nil.
fn find_submatch(args: &[Value]) -> StdResult {
    let text = str_arg(args, 1)?;
    let Some(captures) = pattern(args)?.captures(&text) else { return Ok(Value::Nil) };
    Ok(Value::array(captures.iter().map(|g| g.map_or(Value::Nil, |m| Value::str(m.as_str()))).collect()))
}

fn find_submatch_index(args: &[Value]) -> StdResult {
    let text = str_arg(args, 1)?;
    let Some(captures) = pattern(args)?.captures(&text) else { return Ok(Value::Nil) };
    Ok(Value::array(captures.iter().map(|g| g.map_or(Value::Nil, |m| span(&text, m.start(), m.end()))).collect()))
}

fn replace_all(args: &[Value]) -> StdResult {
    let (text, replacement) = (str_arg(args, 1)?, str_arg(args, 2)?);
    let regex = pattern(args)?;
    let replaced = regex.replace_all(&text, |captures: &Captures<'_>| expand(&replacement, captures, &text));
    Ok(Value::string(replaced.into_owned()))
}

/// A JavaScript replacement string with the match's groups put in.
fn expand(replacement: &str, captures: &Captures<'_>, text: &str) -> String {
    let whole = captures.get(0).map_or(0..0, |m| m.range());
    let group = |i: usize| captures.get(i).map_or("", |m| m.as_str());
    let mut out = String::new();
    let mut rest = replacement;
    while let Some(at) = rest.find('$') {
        out.push_str(&rest[..at]);
        let after = &rest[at + 1..];
        let (piece, used) = match after.chars().next() {
            Some('$') => ("$".to_string(), 1),
            Some('&') => (group(0).to_string(), 1),
            Some('`') => (text[..whole.start].to_string(), 1),
            Some('\'') => (text[whole.end..].to_string(), 1),
            Some('<') if captures.len() > 1 => match after.find('>') {
                Some(close) => (captures.name(&after[1..close]).map_or("", |m| m.as_str()).to_string(), close + 1),
                None => ("$".to_string(), 0),
            },
            Some(d) if d.is_ascii_digit() => {
                let digits: String = after.chars().take(2).take_while(char::is_ascii_digit).collect();
                // Two digits when that group exists, else one (as JavaScript).
                let two = digits.len() == 2 && digits.parse::<usize>().is_ok_and(|n| n > 0 && n < captures.len());
                let used = if two { 2 } else { 1 };
                let n: usize = digits[..used].parse().unwrap_or(0);
                if n > 0 && n < captures.len() { (group(n).to_string(), used) } else { (format!("${}", &digits[..used]), used) }
            }
            _ => ("$".to_string(), 0),
        };
        out.push_str(&piece);
        rest = &after[used..];
    }
    out.push_str(rest);
    out
}

#[cfg(test)]
mod tests {
    use super::lookup;
    use crate::value::Value;

    /// The result of `member` on these string arguments, as JSON text.
    fn call(member: &str, args: &[&str]) -> String {
        let args: Vec<Value> = args.iter().map(|a| Value::str(a)).collect();
        let result = lookup(member).expect("a regex member")(&args).expect("no error");
        result.to_json_text().expect("JSON text")
    }

    #[test]
    fn replacements_read_javascript_references() {
        let text = "mail ann@example.com now";
        let pattern = r"([a-z]+)@([a-z]+)\.com";
        assert_eq!(call("replaceAll", &[pattern, text, "<$1 at $2>"]), r#""mail <ann at example> now""#);
        assert_eq!(call("replaceAll", &[pattern, text, "[$&] $$ $3"]), r#""mail [ann@example.com] $ $3 now""#);
        assert_eq!(call("replaceAll", &["b", "abc", "($`|$')"]), r#""a(a|c)c""#);
    }

    #[test]
    fn indices_count_utf16_code_units() {
        assert_eq!(call("findIndex", &["b", "😀b"]), "[2,3]");
    }

    #[test]
    fn unsupported_patterns_are_errors() {
        let error = lookup("test").expect("test")(&[Value::str("(?=a)"), Value::str("a")]).expect_err("look-ahead");
        assert!(error.0.starts_with("Invalid regular expression: /(?=a)/"), "{}", error.0);
    }
}
