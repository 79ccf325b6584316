//! `datetime`: a point in time as milliseconds since the Unix epoch plus
//! the UTC offset it is shown in. The simulator's local time zone is UTC,
//! so `systemNow()` and `utcNow()` agree (deployed code reads its own).
//! Calendar fields follow JavaScript: `month` is 0–11, `dayOfWeek` 0–6
//! from Sunday.

use super::{StdError, StdFn, StdResult, arg, str_arg};
use crate::value::Value;

pub(super) fn lookup(member: &str) -> Option<StdFn> {
    Some(match member {
        "utcNow" | "systemNow" => |_| Ok(now()),
        "fromIso" => |a| from_iso(&str_arg(a, 0)?),
        "fromComponents" => from_components,
        "toIso" => |a| Ok(Value::string(to_iso(arg(a, 0)))),
        "toUtc" => |a| Ok(Value::Datetime { ms: millis(arg(a, 0))?, offset_minutes: 0 }),
        "timestamp" => |a| Ok(Value::Num(millis(arg(a, 0))? / 1000.0)),
        "timestampMs" => |a| Ok(Value::Num(millis(arg(a, 0))?)),
        "year" => |a| field(a, |c| c.year),
        "month" => |a| field(a, |c| c.month - 1),
        "dayOfMonth" => |a| field(a, |c| c.day),
        "dayOfWeek" => |a| field(a, |c| c.weekday),
        "hours" => |a| field(a, |c| c.hour),
        "min" => |a| field(a, |c| c.minute),
        "sec" => |a| field(a, |c| c.second),
        "ms" => |a| field(a, |c| c.millisecond),
        "timezone" => |a| match arg(a, 0) {
            Value::Datetime { offset_minutes, .. } => Ok(Value::Num(-f64::from(*offset_minutes))),
            other => Err(super::mismatch("a datetime", other)),
        },
        _ => return None,
    })
}

/// The current time, from the system clock.
pub fn now() -> Value {
    let ms = std::time::SystemTime::now().duration_since(std::time::UNIX_EPOCH).map_or(0.0, |d| d.as_millis() as f64);
    Value::Datetime { ms, offset_minutes: 0 }
}

fn millis(value: &Value) -> Result<f64, StdError> {
    match value {
        Value::Datetime { ms, .. } => Ok(*ms),
        other => Err(super::mismatch("a datetime", other)),
    }
}

/// Calendar fields of a time in its own offset.
struct Civil {
    year: i64,
    month: i64,
    day: i64,
    hour: i64,
    minute: i64,
    second: i64,
    millisecond: i64,
    weekday: i64,
}

fn civil(value: &Value) -> Result<Civil, StdError> {
    let Value::Datetime { ms, offset_minutes } = value else {
        return Err(super::mismatch("a datetime", value));
    };
    let local = *ms as i64 + i64::from(*offset_minutes) * 60_000;
    let days = local.div_euclid(86_400_000);
    let in_day = local.rem_euclid(86_400_000);
    let (year, month, day) = civil_from_days(days);
    Ok(Civil {
        year,
        month,
        day,
        hour: in_day / 3_600_000,
        minute: in_day / 60_000 % 60,
        second: in_day / 1000 % 60,
        millisecond: in_day % 1000,
        weekday: (days + 4).rem_euclid(7),
    })
}

fn field(args: &[Value], pick: fn(&Civil) -> i64) -> StdResult {
    Ok(Value::Num(pick(&civil(arg(args, 0))?) as f64))
}

/// ISO 8601 text in UTC, as JavaScript's `toISOString` writes it:
/// `2024-01-31T12:00:00.000Z`.
pub fn to_iso(value: &Value) -> String {
    let Value::Datetime { ms, .. } = value else { return String::new() };
    let Ok(c) = civil(&Value::Datetime { ms: *ms, offset_minutes: 0 }) else { return String::new() };
    format!("{:04}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.year, c.month, c.day, c.hour, c.minute, c.second, c.millisecond)
}

/// Parses `YYYY-MM-DD`, optionally `THH:MM[:SS[.fff]]` and a zone (`Z` or
/// `±HH:MM`; none means UTC).
fn from_iso(text: &str) -> StdResult {
    let invalid = || StdError(format!("\"{text}\" is not a valid ISO 8601 datetime"));
    let bytes = text.as_bytes();
    let number = |range: std::ops::Range<usize>| -> Result<i64, StdError> {
        text.get(range).filter(|s| s.bytes().all(|b| b.is_ascii_digit())).and_then(|s| s.parse().ok()).ok_or_else(invalid)
    };
    if bytes.len() < 10 || bytes[4] != b'-' || bytes[7] != b'-' {
        return Err(invalid());
    }
    let (year, month, day) = (number(0..4)?, number(5..7)?, number(8..10)?);
    let (mut hour, mut minute, mut second, mut millisecond) = (0, 0, 0, 0);
    let mut rest = &text[10..];
    if let Some(time) = rest.strip_prefix('T').or_else(|| rest.strip_prefix(' ')) {
        let digits =
            |s: &str, n: usize| s.get(..n).filter(|d| d.bytes().all(|b| b.is_ascii_digit())).and_then(|d| d.parse::<i64>().ok());
        hour = digits(time, 2).ok_or_else(invalid)?;
        minute = time.get(2..3).filter(|c| *c == ":").and_then(|_| digits(&time[3..], 2)).ok_or_else(invalid)?;
        rest = &time[5..];
        if let Some(after) = rest.strip_prefix(':') {
            second = digits(after, 2).ok_or_else(invalid)?;
            rest = &after[2..];
            if let Some(fraction) = rest.strip_prefix('.') {
                let len = fraction.bytes().take_while(u8::is_ascii_digit).count();
                let padded = format!("{:0<3}", &fraction[..len.min(3)]);
                millisecond = padded.parse().map_err(|_| invalid())?;
                rest = &fraction[len..];
            }
        }
    }
    let offset_minutes = match rest {
        "" | "Z" | "z" => 0,
        zone if zone.len() == 6 && (zone.starts_with('+') || zone.starts_with('-')) && &zone[3..4] == ":" => {
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let hours: i64 = zone[1..3].parse().map_err(|_| invalid())?;
            let minutes: i64 = zone[4..6].parse().map_err(|_| invalid())?;
            sign * (hours * 60 + minutes)
        }
        _ => return Err(invalid()),
    };
    if !(1..=12).contains(&month) || !(1..=31).contains(&day) || hour > 23 || minute > 59 || second > 60 {
        return Err(invalid());
    }
    let local = days_from_civil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
    Ok(Value::Datetime { ms: (local - offset_minutes * 60_000) as f64, offset_minutes: offset_minutes as i32 })
}

/// `datetime.fromComponents({ year, month, day, hour, min, sec, ms, tz })`
/// with `month` 0–11 and `tz` the offset in minutes as JavaScript gives it
/// (positive west of UTC).
fn from_components(args: &[Value]) -> StdResult {
    let Value::Map(fields) = arg(args, 0) else {
        return Err(super::mismatch("datetime components", arg(args, 0)));
    };
    let fields = fields.borrow();
    let get = |name: &str| match fields.get(name) {
        Some(Value::Num(n)) => *n as i64,
        _ => 0,
    };
    let local = days_from_civil(get("year"), get("month") + 1, get("day")) * 86_400_000
        + ((get("hour") * 60 + get("min")) * 60 + get("sec")) * 1000
        + get("ms");
    let offset_minutes = -get("tz");
    Ok(Value::Datetime { ms: (local - offset_minutes * 60_000) as f64, offset_minutes: offset_minutes as i32 })
}

/// Days since 1970-01-01 of a proleptic Gregorian date (H. Hinnant's
/// algorithm).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = doy - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = yoe + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn iso_round_trips_with_offsets() {
        let t = from_iso("2024-02-29T13:45:30.5+02:00").unwrap();
        assert_eq!(to_iso(&t), "2024-02-29T11:45:30.500Z");
        let utc = lookup("toUtc").unwrap()(std::slice::from_ref(&t)).unwrap();
        assert_eq!(to_iso(&utc), "2024-02-29T11:45:30.500Z");
        assert!(lookup("hours").unwrap()(std::slice::from_ref(&t)).unwrap().equals(&Value::Num(13.0)));
        assert!(lookup("month").unwrap()(std::slice::from_ref(&t)).unwrap().equals(&Value::Num(1.0)));
        assert!(lookup("dayOfWeek").unwrap()(&[t]).unwrap().equals(&Value::Num(4.0)));
        assert!(from_iso("2024-13-01").is_err());
        assert!(from_iso("yesterday").is_err());
    }

    #[test]
    fn epoch_is_thursday_first_of_january_1970() {
        let t = Value::Datetime { ms: 0.0, offset_minutes: 0 };
        assert_eq!(to_iso(&t), "1970-01-01T00:00:00.000Z");
        assert_eq!(civil(&t).unwrap().weekday, 4);
    }
}
