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
        // Wing derives each unit from the next smaller one; the same chain of
        // divisions gives the same last digit.
        ("duration", "months") => |a| Ok(Value::Num(num_arg(a, 0)? / MINUTE / 60.0 / 24.0 / 365.0 * 12.0)),
        ("duration", "years") => |a| Ok(Value::Num(num_arg(a, 0)? / MINUTE / 60.0 / 24.0 / 365.0)),
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

/// JavaScript's `Math.round`: halves go up (towards +∞), and a whole
/// number stays itself (`x + 0.5` would round `2^52 + 1` up).
fn js_round(x: f64) -> f64 {
    let floor = x.floor();
    if x - floor >= 0.5 { floor + 1.0 } else { floor }
}

/// The `math` module's functions.
pub(super) fn math(name: &str) -> Option<StdFn> {
    Some(match name {
        "floor" => |a| Ok(Value::Num(num_arg(a, 0)?.floor())),
        "ceil" => |a| Ok(Value::Num(num_arg(a, 0)?.ceil())),
        // JavaScript rounds halves up (towards +∞): round(-2.5) == -2.
        "round" => |a| Ok(Value::Num(js_round(num_arg(a, 0)?))),
        "abs" => |a| Ok(Value::Num(num_arg(a, 0)?.abs())),
        // Wing's `math.sqrt` refuses negative numbers.
        "sqrt" => |a| match num_arg(a, 0)? {
            n if n < 0.0 => Err(StdError::new("Input value must be greater than or equal to 0.")),
            n => Ok(Value::Num(n.sqrt())),
        },
        // As JavaScript's Math.min/max: a NaN anywhere makes the result NaN.
        "min" => |a| fold_numbers(a, f64::INFINITY, |x, y| if x.is_nan() || y.is_nan() { f64::NAN } else { x.min(y) }),
        "max" => |a| fold_numbers(a, f64::NEG_INFINITY, |x, y| if x.is_nan() || y.is_nan() { f64::NAN } else { x.max(y) }),
        // As Wing: `Math.random() * (max || 1)`, so a max of 0 means 1.
        "random" => |a| {
            let max = super::opt_num_arg(a, 0)?.filter(|m| *m != 0.0 && !m.is_nan()).unwrap_or(1.0);
            Ok(Value::Num(fastrand::f64() * max))
        },
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
/// `num.fromStr`: the text read as JavaScript's `Number(text)` reads it
/// (surrounding whitespace ignored, blank is 0, `Infinity`, `0x`/`0o`/`0b`
/// integers); anything that is not a number throws, as in Wing.
fn from_str(args: &[Value]) -> StdResult {
    let text = str_arg(args, 0)?;
    js_number(&text).map(Value::Num).ok_or_else(|| StdError(format!("unable to parse \"{text}\" as a number")))
}

fn js_number(text: &str) -> Option<f64> {
    let trimmed = text.trim_matches(super::string::is_js_space);
    if trimmed.is_empty() {
        return Some(0.0);
    }
    let radix = |prefix: [&str; 2]| prefix.iter().find_map(|p| trimmed.strip_prefix(p));
    for (digits, base) in [(radix(["0x", "0X"]), 16), (radix(["0o", "0O"]), 8), (radix(["0b", "0B"]), 2)] {
        if let Some(digits) = digits {
            return (!digits.is_empty())
                .then(|| digits.chars().try_fold(0.0, |n: f64, c| Some(n * f64::from(base) + f64::from(c.to_digit(base)?))))
                .flatten();
        }
    }
    let (sign, unsigned) = match trimmed.as_bytes()[0] {
        b'-' => (-1.0, &trimmed[1..]),
        b'+' => (1.0, &trimmed[1..]),
        _ => (1.0, trimmed),
    };
    if unsigned == "Infinity" {
        return Some(sign * f64::INFINITY);
    }
    let decimal = unsigned.chars().all(|c| c.is_ascii_digit() || matches!(c, '.' | 'e' | 'E' | '-' | '+'))
        && unsigned.starts_with(|c: char| c.is_ascii_digit() || c == '.');
    decimal.then(|| unsigned.parse::<f64>().ok().map(|n| sign * n)).flatten()
}

fn bool_from_str(args: &[Value]) -> StdResult {
    match str_arg(args, 0)?.as_str() {
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
        assert!(parse(&[Value::str("")]).unwrap().equals(&Value::Num(0.0)));
        assert!(parse(&[Value::str("  ")]).unwrap().equals(&Value::Num(0.0)));
        assert!(parse(&[Value::str("-Infinity")]).unwrap().equals(&Value::Num(f64::NEG_INFINITY)));
        assert!(parse(&[Value::str("0b101")]).unwrap().equals(&Value::Num(5.0)));
        assert!(parse(&[Value::str("0o17")]).unwrap().equals(&Value::Num(15.0)));
        assert!(parse(&[Value::str("0xFFFFFFFFFFFFFFFFFFFF")]).unwrap().equals(&Value::Num(1.2089258196146292e24)));
        assert!(parse(&[Value::str("-1.5e3")]).unwrap().equals(&Value::Num(-1500.0)));
        for bad in ["inf", "nan", "1_000", "0x", "--1", "-0x10", "e5", "1e"] {
            assert!(parse(&[Value::str(bad)]).is_err(), "{bad}");
        }
    }

    #[test]
    fn math_rounds_like_javascript() {
        let round = math("round").unwrap();
        assert!(round(&[Value::Num(2.5)]).unwrap().equals(&Value::Num(3.0)));
        assert!(round(&[Value::Num(-2.5)]).unwrap().equals(&Value::Num(-2.0)));
        assert!(round(&[Value::Num(0.49999999999999994)]).unwrap().equals(&Value::Num(0.0)));
        assert!(round(&[Value::Num(4503599627370497.0)]).unwrap().equals(&Value::Num(4503599627370497.0)));
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
