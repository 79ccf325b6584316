//! Reading resource props from the manifest: takes the props map, gives
//! typed values (durations are seconds in the manifest).

use std::collections::BTreeMap;
use std::time::Duration;

pub type Props = BTreeMap<String, serde_json::Value>;

pub fn num_prop(props: &Props, name: &str) -> Option<f64> {
    props.get(name).and_then(serde_json::Value::as_f64).filter(|n| n.is_finite())
}

pub fn str_prop<'p>(props: &'p Props, name: &str) -> Option<&'p str> {
    props.get(name).and_then(serde_json::Value::as_str)
}

pub fn bool_prop(props: &Props, name: &str) -> Option<bool> {
    props.get(name).and_then(serde_json::Value::as_bool)
}

/// A duration prop, if it is a non-negative number of seconds.
pub fn duration_prop(props: &Props, name: &str) -> Option<Duration> {
    num_prop(props, name).filter(|s| *s >= 0.0).map(Duration::from_secs_f64)
}

/// A map of strings (`env`, `initialObjects`); other values are skipped.
pub fn map_prop(props: &Props, name: &str) -> Vec<(String, String)> {
    match props.get(name) {
        Some(serde_json::Value::Object(map)) => {
            map.iter().filter_map(|(k, v)| Some((k.clone(), v.as_str()?.to_string()))).collect()
        }
        _ => Vec::new(),
    }
}
