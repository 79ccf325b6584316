//! `cloud.Schedule`: takes a `rate` or a `cron` prop, gives when the next
//! tick is due. The workers run the schedule's `onTick` handlers at each
//! tick. A cron fires at whole UTC minutes; a rate fires at the wall-clock
//! multiples of the rate (a `1m` rate at every whole minute, as Wing's
//! simulator runs it, `rate(1 minute)` being the cron `* * * * *`). (Wing's
//! cloud targets need a rate of at least a minute; the simulator takes any
//! rate, so a test can see ticks.)

use super::lock;
use super::props::{Props, duration_prop, str_prop};
use std::sync::Mutex;
use std::time::{Duration, Instant, SystemTime, UNIX_EPOCH};
use wing_abi::cron::Cron;

#[derive(Debug)]
pub struct Schedule {
    every: Every,
    /// When the next tick is due; `None` when it never is.
    next: Mutex<Option<Instant>>,
}

#[derive(Debug)]
enum Every {
    Rate(Duration),
    Cron(Cron),
}

impl Schedule {
    pub fn new(props: &Props) -> Result<Schedule, String> {
        let every = match (duration_prop(props, "rate"), str_prop(props, "cron")) {
            (Some(rate), _) if !rate.is_zero() => Every::Rate(rate),
            (_, Some(cron)) => Every::Cron(Cron::parse(cron).map_err(|e| format!("invalid cron \"{cron}\": {e}"))?),
            _ => return Err("a schedule needs a positive `rate` or a `cron`".to_string()),
        };
        let schedule = Schedule { every, next: Mutex::new(None) };
        *lock(&schedule.next) = schedule.after(Instant::now());
        Ok(schedule)
    }

    /// Whether a tick is due at `now` (then the next one is planned);
    /// otherwise when the next one is.
    pub fn take_due(&self, now: Instant) -> Result<(), Option<Instant>> {
        let mut next = lock(&self.next);
        match *next {
            Some(due) if due <= now => {
                *next = self.after(due.max(now - Duration::from_millis(1)));
                Ok(())
            }
            other => Err(other),
        }
    }

    /// The first tick after `instant`.
    fn after(&self, instant: Instant) -> Option<Instant> {
        let now = Instant::now();
        let wall = (SystemTime::now() + instant.saturating_duration_since(now)).duration_since(UNIX_EPOCH).ok()?;
        let next = match &self.every {
            Every::Rate(rate) => {
                let periods = wall.as_nanos() / rate.as_nanos() + 1;
                Duration::from_nanos(u64::try_from(periods * rate.as_nanos()).ok()?)
            }
            Every::Cron(cron) => Duration::from_secs(cron.next_after(wall.as_secs() as i64 / 60)? as u64 * 60),
        };
        Some(now + (UNIX_EPOCH + next).duration_since(SystemTime::now()).unwrap_or_default())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_rate_ticks_once_per_period() {
        let props: Props = [("rate".to_string(), serde_json::json!(10))].into_iter().collect();
        let schedule = Schedule::new(&props).unwrap();
        let now = Instant::now();
        let first = schedule.take_due(now).unwrap_err().unwrap();
        assert!(first > now && first <= now + Duration::from_secs(10));
        assert_eq!(schedule.take_due(first), Ok(()));
        assert!(schedule.take_due(first).is_err());
    }

    #[test]
    fn a_cron_is_due_within_a_minute() {
        let props: Props = [("cron".to_string(), serde_json::json!("* * * * *"))].into_iter().collect();
        let schedule = Schedule::new(&props).unwrap();
        let now = Instant::now();
        let next = schedule.take_due(now).unwrap_err().unwrap();
        assert!(next <= now + Duration::from_secs(61));
    }
}
