//! `num`, `bool` and `duration` members, and the `math` module.

use super::{StdError, StdFn, StdResult, arg, num_arg, str_arg};
use crate::value::Value;

const MINUTE: f64 = 60.0;
const HOUR: f64 = 3600.0;
const DAY: f64 = 86_400.0;
/// Wing's year and month lengths (as its SDK defines them): a month is a
/// twelfth of a 365-day year.
const YEAR: f64 = 365.0 * DAY;
const MONTH: f64 = YEAR / 12.0;

pub(super) fn lookup(class: &str, member: &str) -> Option<StdFn> {
    Some(match (class, member) {
        ("num", "fromStr") => from_str,
        ("num", "fromJson") => |a| json_kind(a, |v| matches!(v, Value::Num(_)), "a number"),
        ("bool", "fromJson") => |a| json_kind(a, |v| matches!(v, Value::Bool(_)), "a boolean"),
        ("bool", "fromStr") => bool_from_str,
        ("duration", "milliseconds") => |a| Ok(Value::Num(num_arg(a, 0)? * 1000.0)),
        ("duration", "seconds") => |a| Ok(Value::Num(num_arg(a, 0)?)),
        ("duration", "minutes") => |a| Ok(Value::Num(num_arg(a, 0)? / MINUTE)),
        ("duration", "hours") => |a| Ok(Value::Num(num_arg(a, 0)? / HOUR)),
        ("duration", "days") => |a| Ok(Value::Num(num_arg(a, 0)? / DAY)),
        ("duration", "months") => |a| Ok(Value::Num(num_arg(a, 0)? / MONTH)),
        ("duration", "years") => |a| Ok(Value::Num(num_arg(a, 0)? / YEAR)),
        ("duration", "fromMilliseconds") => |a| Ok(Value::Duration(num_arg(a, 0)? / 1000.0)),
        ("duration", "fromSeconds") => |a| Ok(Value::Duration(num_arg(a, 0)?)),
        ("duration", "fromMinutes") => |a| Ok(Value::Duration(num_arg(a, 0)? * MINUTE)),
        ("duration", "fromHours") => |a| Ok(Value::Duration(num_arg(a, 0)? * HOUR)),
        ("duration", "fromDays") => |a| Ok(Value::Duration(num_arg(a, 0)? * DAY)),
        ("duration", "fromMonths") => |a| Ok(Value::Duration(num_arg(a, 0)? * MONTH)),
        ("duration", "fromYears") => |a| Ok(Value::Duration(num_arg(a, 0)? * YEAR)),
        _ => return None,
    })
}

/// The `math` module's functions.
pub(super) fn math(name: &str) -> Option<StdFn> {
    Some(match name {
        "floor" => |a| Ok(Value::Num(num_arg(a, 0)?.floor())),
        "ceil" => |a| Ok(Value::Num(num_arg(a, 0)?.ceil())),
        // JavaScript rounds halves up (towards +∞): round(-2.5) == -2.
        "round" => |a| Ok(Value::Num((num_arg(a, 0)? + 0.5).floor())),
        "abs" => |a| Ok(Value::Num(num_arg(a, 0)?.abs())),
        "sqrt" => |a| Ok(Value::Num(num_arg(a, 0)?.sqrt())),
        // As JavaScript's Math.min/max: a NaN anywhere makes the result NaN.
        "min" => |a| fold_numbers(a, f64::INFINITY, |x, y| if x.is_nan() || y.is_nan() { f64::NAN } else { x.min(y) }),
        "max" => |a| fold_numbers(a, f64::NEG_INFINITY, |x, y| if x.is_nan() || y.is_nan() { f64::NAN } else { x.max(y) }),
        "random" => |a| Ok(Value::Num(fastrand::f64() * super::opt_num_arg(a, 0)?.unwrap_or(1.0))),
        "PI" => |_| Ok(Value::Num(std::f64::consts::PI)),
        "E" => |_| Ok(Value::Num(std::f64::consts::E)),
        "TAU" => |_| Ok(Value::Num(std::f64::consts::TAU)),
        "pow" => |a| Ok(Value::Num(num_arg(a, 0)?.powf(num_arg(a, 1)?))),
        "sin" => |a| Ok(Value::Num(num_arg(a, 0)?.sin())),
        "cos" => |a| Ok(Value::Num(num_arg(a, 0)?.cos())),
        "tan" => |a| Ok(Value::Num(num_arg(a, 0)?.tan())),
        "log" => |a| Ok(Value::Num(num_arg(a, 0)?.ln())),
        _ => return None,
    })
}

fn fold_numbers(args: &[Value], start: f64, combine: fn(f64, f64) -> f64) -> StdResult {
    match arg(args, 0) {
        Value::Array(items) => {
            let mut result = start;
            for item in items.borrow().iter() {
                match item {
                    Value::Num(n) => result = combine(result, *n),
                    other => return Err(super::mismatch("a number", other)),
                }
            }
            Ok(Value::Num(result))
        }
        other => Err(super::mismatch("an array of numbers", other)),
    }
}

/// JavaScript's `Number(text)` without its surprises: surrounding spaces
/// are allowed, anything else that is not a number fails.
fn from_str(args: &[Value]) -> StdResult {
    let text = str_arg(args, 0)?;
    let trimmed = text.trim();
    let parsed = if let Some(hex) = trimmed.strip_prefix("0x").or_else(|| trimmed.strip_prefix("0X")) {
        i64::from_str_radix(hex, 16).ok().map(|n| n as f64)
    } else if trimmed.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | '-' | '+' | 'e' | 'E')) {
        trimmed.parse::<f64>().ok()
    } else {
        None
    };
    match parsed {
        Some(n) if !trimmed.is_empty() => Ok(Value::Num(n)),
        _ => Err(StdError(format!("unable to parse \"{text}\" as a number"))),
    }
}

fn bool_from_str(args: &[Value]) -> StdResult {
    match &*str_arg(args, 0)? {
        "true" => Ok(Value::Bool(true)),
        "false" => Ok(Value::Bool(false)),
        other => Err(StdError(format!("unable to parse \"{other}\" as a boolean"))),
    }
}

/// `num.fromJson` and friends: the Json value itself when it is of the
/// right kind.
pub(super) fn json_kind(args: &[Value], is_kind: fn(&Value) -> bool, kind: &str) -> StdResult {
    let value = arg(args, 0);
    if is_kind(value) { Ok(value.clone()) } else { Err(StdError(format!("unable to parse {} as {kind}", value.display()))) }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_parse_strictly() {
        let parse = lookup("num", "fromStr").unwrap();
        assert!(parse(&[Value::str(" 12.5 ")]).unwrap().equals(&Value::Num(12.5)));
        assert!(parse(&[Value::str("0x1F")]).unwrap().equals(&Value::Num(31.0)));
        assert_eq!(parse(&[Value::str("12abc")]).unwrap_err().0, "unable to parse \"12abc\" as a number");
        assert!(parse(&[Value::str("")]).is_err());
    }

    #[test]
    fn math_rounds_like_javascript() {
        let round = math("round").unwrap();
        assert!(round(&[Value::Num(2.5)]).unwrap().equals(&Value::Num(3.0)));
        assert!(round(&[Value::Num(-2.5)]).unwrap().equals(&Value::Num(-2.0)));
        let min = math("min").unwrap();
        let items = Value::array(vec![Value::Num(3.0), Value::Num(1.0)]);
        assert!(min(&[items]).unwrap().equals(&Value::Num(1.0)));
    }

    #[test]
    fn durations_convert_units() {
        let minutes = lookup("duration", "minutes").unwrap();
        assert!(minutes(&[Value::Duration(90.0)]).unwrap().equals(&Value::Num(1.5)));
        let millis = lookup("duration", "milliseconds").unwrap();
        assert!(millis(&[Value::Duration(1.5)]).unwrap().equals(&Value::Num(1500.0)));
    }
}
