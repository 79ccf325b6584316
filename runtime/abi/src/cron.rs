//! Cron expressions for `cloud.Schedule`: takes the five-field text
//! (`minute hour day-of-month month day-of-week`, UTC), gives a checked
//! [`Cron`] and the next minute it fires. The compiler parses it to report
//! mistakes; the simulator parses it to run the schedule.
//!
//! Each field is `*` (or `?`), a number, a range `a-b`, a step `*/n` or
//! `a-b/n` or `a/n`, or a comma-separated list of those. Months and week
//! days also take names (`JAN`, `MON`); Sunday is 0 or 7. As in Unix cron,
//! when both day fields are restricted a day matching either one fires.

/// A parsed cron expression: the allowed values of each field as bits.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Cron {
    minutes: u64,
    hours: u64,
    days: u64,
    months: u64,
    weekdays: u64,
    /// Whether the day-of-month / day-of-week field was `*` or `?`.
    any_day: bool,
    any_weekday: bool,
}

struct Field {
    name: &'static str,
    min: u32,
    max: u32,
    names: &'static [&'static str],
}

const FIELDS: [Field; 5] = [
    Field { name: "minute", min: 0, max: 59, names: &[] },
    Field { name: "hour", min: 0, max: 23, names: &[] },
    Field { name: "day of month", min: 1, max: 31, names: &[] },
    Field {
        name: "month",
        min: 1,
        max: 12,
        names: &["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"],
    },
    Field { name: "day of week", min: 0, max: 7, names: &["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"] },
];

/// How far ahead [`Cron::next_after`] looks before deciding the expression
/// never fires (`30 2 31 2 *`, the 31st of February).
const HORIZON_DAYS: i64 = 366 * 8;

impl Cron {
    /// Parses a five-field expression; the error says which field is wrong.
    pub fn parse(text: &str) -> Result<Cron, String> {
        let parts: Vec<&str> = text.split_whitespace().collect();
        if parts.len() != 5 {
            return Err(format!("expected 5 fields (minute hour day-of-month month day-of-week), found {}", parts.len()));
        }
        let mut bits = [0u64; 5];
        for (i, (part, field)) in parts.iter().zip(&FIELDS).enumerate() {
            bits[i] = parse_field(part, field)?;
        }
        let weekdays = if bits[4] & (1 << 7) != 0 { (bits[4] | 1) & !(1 << 7) } else { bits[4] };
        Ok(Cron {
            minutes: bits[0],
            hours: bits[1],
            days: bits[2],
            months: bits[3],
            weekdays,
            any_day: matches!(parts[2], "*" | "?"),
            any_weekday: matches!(parts[4], "*" | "?"),
        })
    }

    /// The first minute strictly after `minute` (minutes since the Unix
    /// epoch, UTC) that the expression fires on; `None` if it never does.
    pub fn next_after(&self, minute: i64) -> Option<i64> {
        let start = minute + 1;
        let first_day = start.div_euclid(1440);
        for day in first_day..first_day + HORIZON_DAYS {
            if !self.day_matches(day) {
                continue;
            }
            let from = if day == first_day { start.rem_euclid(1440) } else { 0 };
            for minute_of_day in from..1440 {
                let (hour, minute) = (minute_of_day / 60, minute_of_day % 60);
                if self.hours & (1 << hour) != 0 && self.minutes & (1 << minute) != 0 {
                    return Some(day * 1440 + minute_of_day);
                }
            }
        }
        None
    }

    /// The same schedule as an AWS EventBridge `cron(…)` expression (six
    /// fields: minute hour day-of-month month day-of-week year, UTC).
    /// `text` is the expression this was parsed from. AWS wants `?` in
    /// one of the day fields, counts week days from 1 (Sunday), and cannot
    /// fire on "this date or this week day", so restricting both day
    /// fields is an error.
    pub fn to_aws(&self, text: &str) -> Result<String, String> {
        let parts: Vec<&str> = text.split_whitespace().map(|p| if p == "?" { "*" } else { p }).collect();
        let (day, weekday) = match (self.any_day, self.any_weekday) {
            (false, false) => {
                return Err(
                    "AWS cannot fire on a day of the month or a day of the week: restrict only one of the two day fields".into(),
                );
            }
            (_, true) => (parts[2].to_string(), "?".to_string()),
            (true, false) => {
                let names = FIELDS[4].names;
                let days: Vec<&str> = (0..7).filter(|d| self.weekdays & (1 << d) != 0).map(|d| names[d]).collect();
                ("?".to_string(), days.join(","))
            }
        };
        Ok(format!("cron({} {} {day} {} {weekday} *)", parts[0], parts[1], parts[3]))
    }

    fn day_matches(&self, day: i64) -> bool {
        let (_, month, day_of_month) = civil_from_days(day);
        if self.months & (1 << month) == 0 {
            return false;
        }
        let weekday = (day + 4).rem_euclid(7);
        let by_date = self.days & (1 << day_of_month) != 0;
        let by_weekday = self.weekdays & (1 << weekday) != 0;
        match (self.any_day, self.any_weekday) {
            (true, true) => true,
            (false, true) => by_date,
            (true, false) => by_weekday,
            (false, false) => by_date || by_weekday,
        }
    }
}

fn parse_field(text: &str, field: &Field) -> Result<u64, String> {
    let mut bits = 0;
    for item in text.split(',') {
        bits |= parse_item(item, field).map_err(|e| format!("{} field \"{text}\": {e}", field.name))?;
    }
    Ok(bits)
}

fn parse_item(item: &str, field: &Field) -> Result<u64, String> {
    let (range, step) = match item.split_once('/') {
        Some((range, step)) => {
            let step: u32 = step.parse().map_err(|_| format!("\"{step}\" is not a step"))?;
            if step == 0 {
                return Err("a step must be at least 1".to_string());
            }
            (range, Some(step))
        }
        None => (item, None),
    };
    let (low, high) = match range {
        "*" | "?" => (field.min, field.max),
        _ => match range.split_once('-') {
            Some((a, b)) => (value(a, field)?, value(b, field)?),
            None => {
                let start = value(range, field)?;
                (start, if step.is_some() { field.max } else { start })
            }
        },
    };
    if low > high {
        return Err(format!("the range {low}-{high} is empty"));
    }
    let mut bits = 0;
    let mut v = low;
    while v <= high {
        bits |= 1 << v;
        v += step.unwrap_or(1);
    }
    Ok(bits)
}

fn value(text: &str, field: &Field) -> Result<u32, String> {
    let upper = text.to_ascii_uppercase();
    if let Some(i) = field.names.iter().position(|n| *n == upper) {
        return Ok(i as u32 + if field.min == 1 { 1 } else { 0 });
    }
    match text.parse::<u32>() {
        Ok(v) if (field.min..=field.max).contains(&v) => Ok(v),
        _ => Err(format!("\"{text}\" is not between {} and {}", field.min, field.max)),
    }
}

/// (year, month 1-12, day 1-31) of a day count since 1970-01-01 in the
/// proleptic Gregorian calendar (H. Hinnant's algorithm); `wing-std`'s
/// datetimes use it too.
pub fn civil_from_days(days: i64) -> (i64, u32, u32) {
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (yoe + era * 400 + i64::from(month <= 2), month, day)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Minutes since the epoch of a UTC date and time.
    fn at(days: i64, hour: i64, minute: i64) -> i64 {
        days * 1440 + hour * 60 + minute
    }

    #[test]
    fn every_minute_fires_on_the_next_minute() {
        let cron = Cron::parse("* * * * *").unwrap();
        assert_eq!(cron.next_after(100), Some(101));
    }

    #[test]
    fn steps_ranges_and_lists() {
        let cron = Cron::parse("*/15 9-17 * * MON-FRI").unwrap();
        // 1970-01-01 is a Thursday.
        assert_eq!(cron.next_after(at(0, 9, 1)), Some(at(0, 9, 15)));
        assert_eq!(cron.next_after(at(0, 17, 45)), Some(at(1, 9, 0)));
        // Friday evening → Monday 9:00.
        assert_eq!(cron.next_after(at(1, 18, 0)), Some(at(4, 9, 0)));
        let cron = Cron::parse("0 0 1,15 * ?").unwrap();
        assert_eq!(cron.next_after(at(0, 0, 0)), Some(at(14, 0, 0)));
    }

    #[test]
    fn dates_follow_the_calendar() {
        assert_eq!(civil_from_days(0), (1970, 1, 1));
        assert_eq!(civil_from_days(59), (1970, 3, 1));
        assert_eq!(civil_from_days(19_782), (2024, 2, 29));
        assert_eq!(Cron::parse("0 0 31 2 *").unwrap().next_after(0), None);
    }

    #[test]
    fn aws_expressions_keep_the_schedule() {
        let aws = |text: &str| Cron::parse(text).unwrap().to_aws(text);
        assert_eq!(aws("0 3 * * *").unwrap(), "cron(0 3 * * ? *)");
        assert_eq!(aws("*/15 9-17 * * 1-5").unwrap(), "cron(*/15 9-17 ? * MON,TUE,WED,THU,FRI *)");
        assert_eq!(aws("0 0 1 JAN,JUL ?").unwrap(), "cron(0 0 1 JAN,JUL ? *)");
        assert_eq!(aws("30 6 * * 0,7").unwrap(), "cron(30 6 ? * SUN *)");
        assert!(aws("0 0 1 * MON").unwrap_err().contains("only one of the two day fields"));
    }

    #[test]
    fn mistakes_are_explained() {
        assert_eq!(Cron::parse("* * *").unwrap_err(), "expected 5 fields (minute hour day-of-month month day-of-week), found 3");
        assert_eq!(Cron::parse("61 * * * *").unwrap_err(), "minute field \"61\": \"61\" is not between 0 and 59");
        assert_eq!(Cron::parse("*/0 * * * *").unwrap_err(), "minute field \"*/0\": a step must be at least 1");
    }
}
