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
    let (year, month, day) = wing_abi::cron::civil_from_days(days);
    let (month, day) = (i64::from(month), i64::from(day));
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
/// `2024-01-31T12:00:00.000Z`; a year outside 0–9999 has a sign and six
/// digits (`+010000`, `-000001`).
pub fn to_iso(value: &Value) -> String {
    let Value::Datetime { ms, .. } = value else { return String::new() };
    let Ok(c) = civil(&Value::Datetime { ms: *ms, offset_minutes: 0 }) else { return String::new() };
    let year = match c.year {
        0..=9999 => format!("{:04}", c.year),
        y if y < 0 => format!("-{:06}", -y),
        y => format!("+{y:06}"),
    };
    format!("{year}-{:02}-{:02}T{:02}:{:02}:{:02}.{:03}Z", c.month, c.day, c.hour, c.minute, c.second, c.millisecond)
}

/// `datetime.fromIso`: the forms JavaScript's `Date` reads as ISO 8601:
/// `YYYY`, `YYYY-MM` or `YYYY-MM-DD` (or a six-digit `±YYYYYY` year), then
/// optionally `T` (or a space) and `HH:mm`, `HH:mm:ss` or `HH:mm:ss.sss`
/// (`24:00` is the end of the day), then `Z`, `±HH:mm` or `±HHmm`; letters
/// in either case. Without a zone the time is UTC.
fn from_iso(text: &str) -> StdResult {
    parse_iso(text).ok_or_else(|| StdError(format!("\"{text}\" is not a valid ISO 8601 datetime")))
}

fn parse_iso(text: &str) -> Option<Value> {
    let mut cursor = IsoCursor { rest: text };
    let year = match cursor.rest.as_bytes().first()? {
        sign @ (b'+' | b'-') => {
            let negative = *sign == b'-';
            cursor.rest = &cursor.rest[1..];
            let value = cursor.digits(6)?;
            if negative { -value } else { value }
        }
        _ => cursor.digits(4)?,
    };
    let (month, day) = if cursor.eat('-') {
        let month = cursor.digits(2)?;
        (month, if cursor.eat('-') { cursor.digits(2)? } else { 1 })
    } else {
        (1, 1)
    };
    let (mut hour, mut minute, mut second, mut millisecond) = (0, 0, 0, 0);
    if cursor.eat('T') || cursor.eat('t') || cursor.eat(' ') {
        hour = cursor.digits(2)?;
        cursor.eat(':').then_some(())?;
        minute = cursor.digits(2)?;
        if cursor.eat(':') {
            second = cursor.digits(2)?;
            if cursor.eat('.') {
                let len = cursor.rest.bytes().take_while(u8::is_ascii_digit).count();
                (len > 0).then_some(())?;
                millisecond = format!("{:0<3}", &cursor.rest[..len.min(3)]).parse().ok()?;
                cursor.rest = &cursor.rest[len..];
            }
        }
    }
    let offset_minutes = match cursor.rest {
        "" | "Z" | "z" => 0,
        zone => {
            let sign = match zone.as_bytes()[0] {
                b'+' => 1,
                b'-' => -1,
                _ => return None,
            };
            cursor.rest = &zone[1..];
            let hours = cursor.digits(2)?;
            cursor.eat(':');
            let minutes = cursor.digits(2)?;
            (cursor.rest.is_empty() && hours <= 23 && minutes <= 59).then_some(())?;
            sign * (hours * 60 + minutes)
        }
    };
    let end_of_day = hour == 24 && minute == 0 && second == 0 && millisecond == 0;
    let valid =
        (1..=12).contains(&month) && (1..=31).contains(&day) && (hour <= 23 || end_of_day) && minute <= 59 && second <= 59;
    valid.then_some(())?;
    let local = days_from_civil(year, month, day) * 86_400_000 + ((hour * 60 + minute) * 60 + second) * 1000 + millisecond;
    Some(Value::Datetime { ms: (local - offset_minutes * 60_000) as f64, offset_minutes: offset_minutes as i32 })
}

/// Reads an ISO date-time text from the front.
struct IsoCursor<'t> {
    rest: &'t str,
}

impl IsoCursor<'_> {
    /// Exactly `n` digits.
    fn digits(&mut self, n: usize) -> Option<i64> {
        let field = self.rest.get(..n).filter(|d| d.bytes().all(|b| b.is_ascii_digit()))?;
        self.rest = &self.rest[n..];
        field.parse().ok()
    }

    fn eat(&mut self, c: char) -> bool {
        match self.rest.strip_prefix(c) {
            Some(rest) => {
                self.rest = rest;
                true
            }
            None => false,
        }
    }
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
/// A month outside 1–12 moves the year, and a day past the month's end
/// moves into the next, as `Date.UTC` does.
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let (year, month) = (year + (month - 1).div_euclid(12), (month - 1).rem_euclid(12) + 1);
    let y = if month <= 2 { year - 1 } else { year };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (month + 9) % 12;
    let doy = (153 * mp + 2) / 5 + day - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
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
    fn iso_forms_javascript_reads() {
        let iso = |text: &str| to_iso(&from_iso(text).unwrap());
        assert_eq!(iso("2024"), "2024-01-01T00:00:00.000Z");
        assert_eq!(iso("2024-03"), "2024-03-01T00:00:00.000Z");
        assert_eq!(iso("2024-03-05T10:20:30+0530"), "2024-03-05T04:50:30.000Z");
        assert_eq!(iso("2024-03-05t10:20:30z"), "2024-03-05T10:20:30.000Z");
        assert_eq!(iso("2024-03-05T24:00:00Z"), "2024-03-06T00:00:00.000Z");
        assert_eq!(iso("2024-03-05T10:20"), "2024-03-05T10:20:00.000Z");
        assert_eq!(iso("+010000-01-01T00:00:00Z"), "+010000-01-01T00:00:00.000Z");
        assert_eq!(iso("-000001-01-01T00:00:00Z"), "-000001-01-01T00:00:00.000Z");
        assert_eq!(
            to_iso(&Value::Datetime { ms: days_from_civil(2000, 14, 1) as f64 * 86_400_000.0, offset_minutes: 0 }),
            "2001-02-01T00:00:00.000Z"
        );
        assert_eq!(
            to_iso(&Value::Datetime { ms: days_from_civil(2000, -12, 1) as f64 * 86_400_000.0, offset_minutes: 0 }),
            "1998-12-01T00:00:00.000Z"
        );
        for bad in ["2024-03-05T10:20:60Z", "2024-03-05T24:01:00Z", "2024-3-5x", "2024-03-05T10", "2024-03-05T10:20:30+5"] {
            assert!(from_iso(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn epoch_is_thursday_first_of_january_1970() {
        let t = Value::Datetime { ms: 0.0, offset_minutes: 0 };
        assert_eq!(to_iso(&t), "1970-01-01T00:00:00.000Z");
        assert_eq!(civil(&t).unwrap().weekday, 4);
    }
}
