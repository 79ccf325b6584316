//! `cloud.Queue`: messages delivered at least once to the consumer
//! functions. A message taken for delivery stays invisible for the
//! visibility timeout; it is deleted when the consumer succeeds and seen
//! again after the timeout when it fails.

use super::{ResourceIndex, duration_prop};
use std::collections::{BTreeMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// Wing's default visibility timeout.
const DEFAULT_VISIBILITY: Duration = Duration::from_secs(30);

#[derive(Debug)]
pub struct Queue {
    visibility: Duration,
    consumers: Vec<ResourceIndex>,
    messages: Mutex<VecDeque<Message>>,
}

#[derive(Debug, Clone)]
pub struct Message {
    pub id: u64,
    pub body: String,
    /// Deliveries so far.
    pub attempts: u32,
    visible_at: Instant,
}

/// A message taken for delivery.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: u64,
    pub body: String,
    pub attempts: u32,
    pub consumer: ResourceIndex,
}

impl Queue {
    pub fn new(props: &BTreeMap<String, serde_json::Value>, consumers: Vec<ResourceIndex>) -> Queue {
        Queue {
            visibility: duration_prop(props, "timeout").unwrap_or(DEFAULT_VISIBILITY),
            consumers,
            messages: Mutex::new(VecDeque::new()),
        }
    }

    pub fn has_consumer(&self) -> bool {
        !self.consumers.is_empty()
    }

    pub fn push(&self, body: &str) {
        static NEXT_ID: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(1);
        let id = NEXT_ID.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
        self.lock().push_back(Message { id, body: body.to_string(), attempts: 0, visible_at: Instant::now() });
    }

    /// Takes the oldest visible message for its consumer and hides it for
    /// the visibility timeout; otherwise gives when one becomes visible.
    pub fn take(&self, now: Instant) -> Result<Delivery, Option<Instant>> {
        let Some(&consumer) = self.consumers.first() else { return Err(None) };
        let mut messages = self.lock();
        let Some(message) = messages.iter_mut().find(|m| m.visible_at <= now) else {
            return Err(messages.iter().map(|m| m.visible_at).min());
        };
        message.attempts += 1;
        message.visible_at = now + self.visibility;
        Ok(Delivery { id: message.id, body: message.body.clone(), attempts: message.attempts, consumer })
    }

    /// The consumer handled the message: it is gone.
    pub fn acknowledge(&self, id: u64) {
        self.lock().retain(|m| m.id != id);
    }

    /// Messages waiting or in flight.
    pub fn len(&self) -> usize {
        self.lock().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, VecDeque<Message>> {
        self.messages.lock().unwrap_or_else(|e| e.into_inner())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_taken_message_is_hidden_until_acknowledged_or_timed_out() {
        let props = [("timeout".to_string(), serde_json::json!(10))].into_iter().collect();
        let queue = Queue::new(&props, vec![7]);
        queue.push("a");
        let now = Instant::now();
        let delivery = queue.take(now).unwrap();
        assert_eq!((delivery.body.as_str(), delivery.attempts, delivery.consumer), ("a", 1, 7));
        let next = queue.take(now).unwrap_err().unwrap();
        assert_eq!(next, now + Duration::from_secs(10));
        let again = queue.take(next).unwrap();
        assert_eq!(again.attempts, 2);
        queue.acknowledge(again.id);
        assert!(queue.is_empty());
    }
}
