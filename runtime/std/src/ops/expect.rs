//! The `expect` module: assertions for tests. A failed expectation is an
//! error whose message shows what was expected and what was found.

use super::{StdError, StdFn, StdResult, arg, bool_arg, opt_str_arg, str_arg};
use crate::value::Value;

pub(super) fn lookup(name: &str) -> Option<StdFn> {
    Some(match name {
        "equal" => |a| {
            let (actual, expected) = (arg(a, 0), arg(a, 1));
            if actual.equals(expected) {
                Ok(Value::Nil)
            } else {
                Err(StdError(format!(
                    "expected values to be equal:\n  actual:   {}\n  expected: {}",
                    shown(actual),
                    shown(expected)
                )))
            }
        },
        "notEqual" => |a| {
            let (actual, expected) = (arg(a, 0), arg(a, 1));
            if actual.equals(expected) {
                Err(StdError(format!("expected a value other than {}", shown(expected))))
            } else {
                Ok(Value::Nil)
            }
        },
        "ok" => |a| {
            if bool_arg(a, 0)? {
                Ok(Value::Nil)
            } else {
                Err(StdError(
                    opt_str_arg(a, 1)?.map_or_else(|| "expected the condition to be true".to_string(), |m| m.to_string()),
                ))
            }
        },
        "nil" => |a| match arg(a, 0) {
            Value::Nil => Ok(Value::Nil),
            other => Err(StdError(format!("expected nil, found {}", shown(other)))),
        },
        "notNil" => |a| match arg(a, 0) {
            Value::Nil => Err(StdError::new("expected a value, found nil")),
            _ => Ok(Value::Nil),
        },
        "fail" => |a| Err(StdError(opt_str_arg(a, 0)?.map_or_else(|| "failed".to_string(), |m| m.to_string()))),
        "match" => |a| matches(a, true),
        "doesNotMatch" => |a| matches(a, false),
        _ => return None,
    })
}

/// A value as a failure message shows it: strings quoted, the rest as Json.
fn shown(value: &Value) -> String {
    match value {
        Value::Str(_) => value.display_json(),
        Value::Nil => "nil".to_string(),
        other => other.display(),
    }
}

fn matches(args: &[Value], should: bool) -> StdResult {
    let text = str_arg(args, 0)?;
    let pattern = str_arg(args, 1)?;
    let regex = regex::Regex::new(&pattern).map_err(|e| StdError(format!("invalid regular expression {pattern}: {e}")))?;
    match (regex.is_match(&text), should) {
        (true, true) | (false, false) => Ok(Value::Nil),
        (false, true) => Err(StdError(format!("the input \"{text}\" did not match the regular expression {pattern}"))),
        (true, false) => {
            Err(StdError(format!("the input \"{text}\" was expected not to match the regular expression {pattern}")))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn failures_show_both_values() {
        let equal = lookup("equal").unwrap();
        assert!(equal(&[Value::Num(1.0), Value::Num(1.0)]).is_ok());
        assert_eq!(
            equal(&[Value::str("a"), Value::str("b")]).unwrap_err().0,
            "expected values to be equal:\n  actual:   \"a\"\n  expected: \"b\""
        );
        assert!(lookup("match").unwrap()(&[Value::str("abc"), Value::str("b.")]).is_ok());
        assert!(lookup("match").unwrap()(&[Value::str("abc"), Value::str("x+")]).is_err());
        assert_eq!(lookup("ok").unwrap()(&[Value::Bool(false), Value::str("custom")]).unwrap_err().0, "custom");
    }
}
