//! How values print: takes numbers and Json, gives the text Wing shows for
//! them in string interpolation, `log` and `Json.stringify`.

use std::fmt::Write;

/// A `num` as Wing prints it, which is JavaScript's `Number#toString`:
/// the shortest digits that read back the same, in positional notation
/// from `1e-7` up to `1e21` (`3`, `1.5`, `123456789012345680000`) and in
/// exponential notation outside (`1e-7`, `1.1805916207174113e+21`); `-0`
/// prints `0`; `NaN`, `Infinity` and `-Infinity` as JavaScript does.
pub fn format_num(n: f64) -> String {
    with_num_text(n, str::to_string)
}

/// `f` of [`format_num`]'s text, written on the stack, not into a new
/// `String`, for a whole number below 2^53 (the common case) and for any
/// number JavaScript prints in positional notation.
pub fn with_num_text<T>(n: f64, f: impl FnOnce(&str) -> T) -> T {
    // Zero too (`-0` prints `0`); NaN and the infinities have no whole part.
    if n.fract() == 0.0 && n.abs() < 9007199254740992.0 {
        return f(itoa::Buffer::new().format(n as i64));
    }
    // Where JavaScript writes digits and a point, Rust's `Display` writes
    // the same: the shortest digits that read back the same, positional.
    let mut positional = Positional::default();
    if (1e-6..1e21).contains(&n.abs())
        && write!(positional, "{n}").is_ok()
        && let Ok(text) = std::str::from_utf8(&positional.bytes[..positional.len])
    {
        return f(text);
    }
    f(&format_other(n))
}

/// Appends [`format_num`]'s text of `n` to `out`.
pub fn write_num(out: &mut String, n: f64) {
    with_num_text(n, |text| out.push_str(text));
}

/// Room on the stack for a number in positional notation (at most 17
/// significant digits, 21 places before the point or 6 zeros after it).
struct Positional {
    bytes: [u8; 40],
    len: usize,
}

impl Default for Positional {
    fn default() -> Positional {
        Positional { bytes: [0; 40], len: 0 }
    }
}

impl std::fmt::Write for Positional {
    fn write_str(&mut self, piece: &str) -> std::fmt::Result {
        let end = self.len + piece.len();
        self.bytes.get_mut(self.len..end).ok_or(std::fmt::Error)?.copy_from_slice(piece.as_bytes());
        self.len = end;
        Ok(())
    }
}

/// [`format_num`] of the numbers [`with_num_text`] does not write on the
/// stack: NaN, the infinities, and those printed in exponential notation.
fn format_other(n: f64) -> String {
    if n.is_nan() {
        return "NaN".to_string();
    }
    if n.is_infinite() {
        return if n > 0.0 { "Infinity" } else { "-Infinity" }.to_string();
    }
    let scientific = format!("{:e}", n.abs());
    let (mantissa, exponent) = scientific.split_once('e').unwrap_or((&scientific, "0"));
    let digits: String = mantissa.chars().filter(char::is_ascii_digit).collect();
    let count = digits.len() as i32;
    // Where the decimal point goes, counted from the first digit.
    let point = exponent.parse::<i32>().unwrap_or(0) + 1;
    let zeros = |k: i32| "0".repeat(k.max(0) as usize);
    let body = if count <= point && point <= 21 {
        format!("{digits}{}", zeros(point - count))
    } else if 0 < point && point <= 21 {
        format!("{}.{}", &digits[..point as usize], &digits[point as usize..])
    } else if -6 < point && point <= 0 {
        format!("0.{}{digits}", zeros(-point))
    } else {
        let (first, rest) = digits.split_at(1);
        let fraction = if rest.is_empty() { String::new() } else { format!(".{rest}") };
        let e = point - 1;
        format!("{first}{fraction}e{}{}", if e < 0 { "-" } else { "+" }, e.abs())
    };
    if n < 0.0 { format!("-{body}") } else { body }
}

/// Json text without spaces, as `JSON.stringify` writes it. Numbers that
/// are integers print without a fraction.
pub fn stringify_json(value: &serde_json::Value) -> String {
    let mut out = String::new();
    write_json(value, &mut out);
    out
}

fn write_json(value: &serde_json::Value, out: &mut String) {
    use serde_json::Value;
    match value {
        Value::Number(n) => write_num(out, n.as_f64().unwrap_or(f64::NAN)),
        Value::Array(items) => {
            out.push('[');
            for (i, item) in items.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                write_json(item, out);
            }
            out.push(']');
        }
        Value::Object(fields) => {
            out.push('{');
            for (i, (key, item)) in fields.iter().enumerate() {
                if i > 0 {
                    out.push(',');
                }
                out.push_str(&serde_json::Value::String(key.clone()).to_string());
                out.push(':');
                write_json(item, out);
            }
            out.push('}');
        }
        other => out.push_str(&other.to_string()),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_print_like_javascript() {
        assert_eq!(format_num(0.0000001), "1e-7");
        assert_eq!(format_num(0.000001), "0.000001");
        assert_eq!(format_num(123456789012345680000.0), "123456789012345680000");
        assert_eq!(format_num(2f64.powi(70)), "1.1805916207174113e+21");
        assert_eq!(format_num(1e21), "1e+21");
        assert_eq!(format_num(-1.5e-9), "-1.5e-9");
        assert_eq!(format_num(100.0), "100");
        assert_eq!(format_num(-42.25), "-42.25");
    }

    /// The stack path (Rust's shortest digits) gives what the general
    /// formatter does, over a spread of magnitudes and bit patterns.
    #[test]
    fn positional_numbers_print_as_the_general_formatter_does() {
        let mut state: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..100_000 {
            state = state.wrapping_mul(6364136223846793005).wrapping_add(1442695040888963407);
            // Binary exponents -20 to 69: about 1e-6 to 6e20, both signs.
            let exponent = 1003 + (state >> 40) % 90;
            let n = f64::from_bits((state & (1 << 63)) | (exponent << 52) | (state & ((1 << 52) - 1)));
            assert_eq!(format_num(n), format_other(n), "{n:e}");
        }
        for n in [0.1, 0.1 + 0.2, 1.5, -42.25, 1e-6, 9.999999999999999e20, 123456789.123, 2f64.powi(60) + 0.0] {
            assert_eq!(format_num(n), format_other(n), "{n:e}");
        }
    }

    #[test]
    fn numbers_print_like_wing() {
        assert_eq!(format_num(3.0), "3");
        assert_eq!(format_num(-0.0), "0");
        assert_eq!(format_num(1.5), "1.5");
        assert_eq!(format_num(0.1 + 0.2), "0.30000000000000004");
        assert_eq!(format_num(f64::INFINITY), "Infinity");
        assert_eq!(format_num(f64::NAN), "NaN");
    }

    #[test]
    fn json_prints_compact_with_integer_numbers() {
        let v = serde_json::json!({"a": 1.0, "b": [true, "x", null], "c": 2.5});
        assert_eq!(stringify_json(&v), r#"{"a":1,"b":[true,"x",null],"c":2.5}"#);
    }
}
