//! `cloud.Counter`: numbers by key, each starting at the `initial` prop.

use std::collections::HashMap;
use std::sync::Mutex;

#[derive(Debug)]
pub struct Counter {
    initial: f64,
    values: Mutex<HashMap<String, f64>>,
}

/// The key used when none is given.
const DEFAULT_KEY: &str = "default";

impl Counter {
    pub fn new(props: &std::collections::BTreeMap<String, serde_json::Value>) -> Counter {
        let initial = props.get("initial").and_then(serde_json::Value::as_f64).unwrap_or(0.0);
        Counter { initial, values: Mutex::new(HashMap::new()) }
    }

    /// Adds `amount` to the key's value; gives the value before.
    pub fn add(&self, amount: f64, key: Option<&str>) -> f64 {
        let mut values = self.values.lock().unwrap_or_else(|e| e.into_inner());
        let value = values.entry(key.unwrap_or(DEFAULT_KEY).to_string()).or_insert(self.initial);
        let before = *value;
        *value += amount;
        before
    }

    pub fn peek(&self, key: Option<&str>) -> f64 {
        let values = self.values.lock().unwrap_or_else(|e| e.into_inner());
        values.get(key.unwrap_or(DEFAULT_KEY)).copied().unwrap_or(self.initial)
    }

    pub fn set(&self, value: f64, key: Option<&str>) {
        let mut values = self.values.lock().unwrap_or_else(|e| e.into_inner());
        values.insert(key.unwrap_or(DEFAULT_KEY).to_string(), value);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_count_independently_from_the_initial_value() {
        let counter = Counter::new(&[("initial".to_string(), serde_json::json!(10))].into_iter().collect());
        assert_eq!(counter.add(1.0, None), 10.0);
        assert_eq!(counter.add(-3.0, None), 11.0);
        assert_eq!(counter.peek(None), 8.0);
        assert_eq!(counter.peek(Some("other")), 10.0);
        counter.set(0.0, Some("other"));
        assert_eq!(counter.add(1.0, Some("other")), 0.0);
    }
}
