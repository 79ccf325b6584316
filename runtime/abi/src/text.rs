//! How values print: takes numbers and Json, gives the text Wing shows for
//! them in string interpolation, `log` and `Json.stringify`.

/// A `num` as Wing prints it: integers without a fraction (`3`, `-0` prints
/// `0`), others in the shortest form that reads back the same (`1.5`),
/// `NaN`, `Infinity` and `-Infinity` as JavaScript does.
pub fn format_num(n: f64) -> String {
    if n.is_nan() {
        "NaN".to_string()
    } else if n.is_infinite() {
        if n > 0.0 { "Infinity" } else { "-Infinity" }.to_string()
    } else if n == n.trunc() && n.abs() < 1e21 {
        format!("{}", n as i128)
    } else {
        format!("{n}")
    }
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
        Value::Number(n) => out.push_str(&format_num(n.as_f64().unwrap_or(f64::NAN))),
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
