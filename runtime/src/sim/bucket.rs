//! `cloud.Bucket`: objects by key, listed in key order.

use std::collections::BTreeMap;
use std::sync::Mutex;

#[derive(Debug, Default)]
pub struct Bucket {
    objects: Mutex<BTreeMap<String, String>>,
}

impl Bucket {
    pub fn put(&self, key: &str, body: &str) {
        self.lock().insert(key.to_string(), body.to_string());
    }

    /// The object's body; the error is the message a Wing `catch` sees.
    pub fn get(&self, key: &str) -> Result<String, String> {
        self.try_get(key).ok_or_else(|| format!("Object does not exist (key={key})."))
    }

    pub fn try_get(&self, key: &str) -> Option<String> {
        self.lock().get(key).cloned()
    }

    pub fn exists(&self, key: &str) -> bool {
        self.lock().contains_key(key)
    }

    /// Removes the object; deleting a missing key is not an error.
    pub fn delete(&self, key: &str) {
        self.lock().remove(key);
    }

    /// Keys starting with `prefix`, in order.
    pub fn list(&self, prefix: &str) -> Vec<String> {
        self.lock().range(prefix.to_string()..).take_while(|(k, _)| k.starts_with(prefix)).map(|(k, _)| k.clone()).collect()
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, BTreeMap<String, String>> {
        self.objects.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn list_gives_keys_with_the_prefix_in_order() {
        let bucket = Bucket::default();
        for key in ["b/2", "a/1", "b/1", "c"] {
            bucket.put(key, "x");
        }
        assert_eq!(bucket.list("b/"), ["b/1", "b/2"]);
        assert_eq!(bucket.list("").len(), 4);
        assert_eq!(bucket.get("zz").unwrap_err(), "Object does not exist (key=zz).");
    }
}
