//! `cloud.Queue` and `cloud.Topic`.
//!
//! A queue delivers each message at least once to its consumer, never
//! losing one: a message taken for delivery is hidden for the visibility
//! `timeout`; it is deleted when the consumer succeeds and seen again
//! after the timeout when it fails. A message that failed
//! `maxDeliveryAttempts` times moves to the dead-letter queue (when there
//! is one); a message older than `retentionPeriod` is dropped. With a state
//! directory, every message is a file until it is deleted.
//!
//! A topic hands each published message to every subscriber: a function
//! runs it asynchronously, a queue gets it pushed.

use super::ops::{Op, OpContext, OpError, OpResult, arg, text, wing};
use super::props::{Props, duration_prop, num_prop};
use super::store::KeyFiles;
use super::{AsyncJob, ResourceIndex, ResourceState, Shared, lock};
use std::collections::{BTreeSet, HashMap, VecDeque};
use std::sync::Mutex;
use std::time::{Duration, Instant};
use wing_std::Value;

/// The error of pushing or publishing an empty message (every backend's).
pub const EMPTY_MESSAGE: &str = "Empty messages are not allowed";

/// Wing's default visibility timeout.
const DEFAULT_VISIBILITY: Duration = Duration::from_secs(30);
/// Wing's default retention period.
const DEFAULT_RETENTION: Duration = Duration::from_secs(3600);

#[derive(Debug)]
pub struct Queue {
    visibility: Duration,
    retention: Duration,
    /// The dead-letter queue and the deliveries a message gets before it
    /// moves there.
    dead_letters: Option<(ResourceIndex, u32)>,
    /// Consumer functions with their batch sizes.
    consumers: Vec<(ResourceIndex, usize)>,
    state: Mutex<Messages>,
    files: Option<KeyFiles>,
}

/// The messages of a queue: the visible ones in order, the ones taken
/// for delivery by id, and when each of those becomes visible again.
#[derive(Debug, Default)]
struct Messages {
    ready: VecDeque<Message>,
    in_flight: HashMap<u64, Message>,
    timers: BTreeSet<(Instant, u64)>,
    next_id: u64,
    /// Which consumer gets the next batch (round robin).
    next_consumer: usize,
}

impl Messages {
    /// Makes due in-flight messages visible again and drops expired ones;
    /// gives the ids dropped.
    fn settle(&mut self, now: Instant) -> Vec<u64> {
        let mut dropped = Vec::new();
        while let Some(&(at, id)) = self.timers.first() {
            if at > now {
                break;
            }
            self.timers.pop_first();
            if let Some(message) = self.in_flight.remove(&id) {
                if message.expires_at <= now {
                    dropped.push(id);
                } else {
                    self.ready.push_back(message);
                }
            }
        }
        while self.ready.front().is_some_and(|m| m.expires_at <= now) {
            dropped.extend(self.ready.pop_front().map(|m| m.id));
        }
        dropped
    }

    /// Takes a message out of flight (nothing if it is not in flight).
    fn land(&mut self, id: u64) -> Option<Message> {
        let message = self.in_flight.remove(&id)?;
        self.timers.remove(&(message.visible_at, id));
        Some(message)
    }

    /// Messages waiting to be taken; as in SQS and Wing, one being handled
    /// by a consumer does not count.
    fn visible(&self) -> usize {
        self.ready.len()
    }
}

#[derive(Debug, Clone)]
struct Message {
    id: u64,
    body: String,
    /// Deliveries so far.
    attempts: u32,
    visible_at: Instant,
    expires_at: Instant,
}

/// A message taken for delivery.
#[derive(Debug, Clone)]
pub struct Delivery {
    pub id: u64,
    pub body: String,
}

/// What a queue has for its consumers now.
pub enum Ready {
    /// A batch for this consumer.
    Batch(ResourceIndex, Vec<Delivery>),
    /// Nothing visible; something may be at this time.
    Later(Option<Instant>),
}

impl Queue {
    /// A queue with its saved messages (from `files`).
    pub fn new(
        props: &Props,
        dead_letters: Option<ResourceIndex>,
        consumers: Vec<(ResourceIndex, usize)>,
        files: Option<KeyFiles>,
    ) -> Result<Queue, String> {
        let attempts = props.get("dlq").and_then(|d| d.get("maxDeliveryAttempts")).and_then(serde_json::Value::as_f64);
        let queue = Queue {
            visibility: duration_prop(props, "timeout").unwrap_or(DEFAULT_VISIBILITY),
            retention: duration_prop(props, "retentionPeriod").unwrap_or(DEFAULT_RETENTION),
            dead_letters: dead_letters.map(|q| (q, attempts.unwrap_or(1.0).max(1.0) as u32)),
            consumers,
            state: Mutex::new(Messages::default()),
            files,
        };
        if let Some(files) = &queue.files {
            let mut saved = files.load().map_err(|e| format!("cannot read the saved messages: {e}"))?;
            saved.sort_by_key(|(key, _)| key.parse::<u64>().unwrap_or(0));
            let mut state = lock(&queue.state);
            for (key, body) in saved {
                let id = key.parse::<u64>().map_err(|_| "a saved message is damaged")?;
                let body = String::from_utf8(body).map_err(|_| "a saved message is damaged")?;
                state.next_id = state.next_id.max(id + 1);
                state.ready.push_back(queue.message(id, body));
            }
        }
        Ok(queue)
    }

    fn message(&self, id: u64, body: String) -> Message {
        let now = Instant::now();
        Message { id, body, attempts: 0, visible_at: now, expires_at: now + self.retention }
    }

    fn lock(&self, now: Instant) -> std::sync::MutexGuard<'_, Messages> {
        let mut state = lock(&self.state);
        for id in state.settle(now) {
            self.forget(id);
        }
        state
    }

    /// Appends messages (all saved before any is visible).
    pub fn push(&self, bodies: &[String]) -> Result<(), OpError> {
        if bodies.iter().any(String::is_empty) {
            return wing(EMPTY_MESSAGE);
        }
        let mut state = lock(&self.state);
        for body in bodies {
            let id = state.next_id;
            state.next_id += 1;
            if let Some(files) = &self.files {
                files
                    .put(&id.to_string(), body.as_bytes())
                    .map_err(|e| OpError::Wing(format!("cannot save the message: {e}"), vec![]))?;
            }
            state.ready.push_back(self.message(id, body.clone()));
        }
        Ok(())
    }

    /// Removes and gives the oldest visible message.
    fn pop(&self) -> Option<String> {
        let message = self.lock(Instant::now()).ready.pop_front()?;
        self.forget(message.id);
        Some(message.body)
    }

    fn purge(&self) {
        let mut state = lock(&self.state);
        let ids: Vec<u64> = state.ready.iter().map(|m| m.id).chain(state.in_flight.keys().copied()).collect();
        (state.ready, state.in_flight, state.timers) = Default::default();
        ids.into_iter().for_each(|id| self.forget(id));
    }

    fn visible(&self) -> usize {
        self.lock(Instant::now()).visible()
    }

    pub fn has_consumer(&self) -> bool {
        !self.consumers.is_empty()
    }

    /// Takes up to a batch of visible messages for a consumer that has
    /// capacity, hiding them for the visibility timeout.
    pub fn take(&self, has_capacity: &dyn Fn(ResourceIndex) -> bool, now: Instant) -> Ready {
        let consumers = &self.consumers;
        if consumers.is_empty() {
            return Ready::Later(None);
        }
        let mut state = self.lock(now);
        if state.ready.is_empty() {
            let next = state.timers.first().map(|(at, _)| *at);
            return Ready::Later(next);
        }
        let start = state.next_consumer;
        let Some((consumer, batch)) =
            (0..consumers.len()).map(|i| consumers[(start + i) % consumers.len()]).find(|(c, _)| has_capacity(*c))
        else {
            return Ready::Later(None);
        };
        state.next_consumer = start.wrapping_add(1);
        let visible_at = now + self.visibility;
        let mut taken = Vec::with_capacity(batch);
        while taken.len() < batch {
            let Some(mut message) = state.ready.pop_front() else { break };
            message.attempts += 1;
            message.visible_at = visible_at;
            taken.push(Delivery { id: message.id, body: message.body.clone() });
            state.timers.insert((visible_at, message.id));
            state.in_flight.insert(message.id, message);
        }
        Ready::Batch(consumer, taken)
    }

    /// The consumer handled the message: it is gone.
    pub fn acknowledge(&self, id: u64) {
        lock(&self.state).land(id);
        self.forget(id);
    }

    /// The consumer did not run (its concurrency was full) or the stopping
    /// simulator interrupted it: the message is visible again at once, its
    /// attempt not counted.
    pub fn release(&self, id: u64) {
        let mut state = lock(&self.state);
        if let Some(mut message) = state.land(id) {
            message.attempts = message.attempts.saturating_sub(1);
            message.visible_at = Instant::now();
            state.ready.push_front(message);
        }
    }

    /// The consumer failed: the message stays hidden until its visibility
    /// timeout, unless it has used up its attempts and there is a
    /// dead-letter queue, which then gets it (given back as its body).
    pub fn fail(&self, id: u64) -> Option<(ResourceIndex, String)> {
        let (dead_letters, max) = self.dead_letters?;
        let mut state = lock(&self.state);
        if state.in_flight.get(&id)?.attempts < max {
            return None;
        }
        let message = state.land(id)?;
        self.forget(id);
        Some((dead_letters, message.body))
    }

    /// Deletes a message's file (best effort: a leftover file only means
    /// the message may be delivered again after a restart).
    fn forget(&self, id: u64) {
        if let Some(files) = &self.files {
            let _ = files.remove(&id.to_string());
        }
    }
}

/// The queue operation `method`.
pub fn op(method: &str) -> Option<Op> {
    Some(match method {
        "push" => |ctx, args| push(ctx.sim, ctx.index, &messages(args)?).map(|_| Value::Nil),
        "pop" => |ctx, _| Ok(queue(ctx.sim, ctx.index)?.pop().map_or(Value::Nil, Value::string)),
        "purge" => |ctx, _| {
            queue(ctx.sim, ctx.index)?.purge();
            ctx.sim.notify();
            Ok(Value::Nil)
        },
        "approxSize" => |ctx, _| Ok(Value::Num(queue(ctx.sim, ctx.index)?.visible() as f64)),
        _ => return None,
    })
}

/// The topic operation `method`.
pub fn topic_op(method: &str) -> Option<Op> {
    Some(match method {
        "publish" => publish,
        _ => return None,
    })
}

fn publish(ctx: &OpContext<'_>, args: &[Value]) -> OpResult {
    let bodies = messages(args)?;
    if bodies.iter().any(String::is_empty) {
        return wing(EMPTY_MESSAGE);
    }
    let node = ctx.node();
    for target in node.targets("message") {
        match ctx.sim.resource(target).state {
            ResourceState::Queue(_) => push(ctx.sim, target, &bodies)?,
            _ => {
                for body in &bodies {
                    let origin = format!("message from {}", node.path);
                    ctx.sim.enqueue(AsyncJob { function: target, args: vec![serde_json::json!(body)], origin });
                }
            }
        }
    }
    ctx.sim.notify();
    Ok(Value::Nil)
}

/// Pushes onto the queue at `index` and wakes its consumers.
pub fn push(sim: &std::sync::Arc<Shared>, index: ResourceIndex, bodies: &[String]) -> Result<(), OpError> {
    queue(sim, index)?.push(bodies)?;
    if sim.resource(index).targets("message").next().is_some() {
        sim.wake_workers();
    } else {
        sim.notify();
    }
    Ok(())
}

/// The messages of a `push`/`publish`: one `str`, or an array of them (a
/// variadic call).
pub fn messages(args: &[Value]) -> Result<Vec<String>, OpError> {
    match arg(args, 0) {
        Value::Array(items) => items.borrow().iter().map(|item| text(std::slice::from_ref(item), 0)).collect(),
        _ => Ok(vec![text(args, 0)?]),
    }
}

fn queue(sim: &Shared, index: ResourceIndex) -> Result<&Queue, OpError> {
    match &sim.resource(index).state {
        ResourceState::Queue(queue) => Ok(queue),
        _ => Err(OpError::Fatal(format!("{} is not a queue", sim.resource(index).path))),
    }
}

/// The batch size a consumer function asked for (`setConsumer`'s `batchSize`).
pub fn batch_size(props: &Props) -> usize {
    num_prop(props, "batchSize").map_or(1, |n| n.max(1.0) as usize)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn queue(timeout: f64, dead_letters: Option<(ResourceIndex, f64)>) -> Queue {
        let mut props = Props::new();
        props.insert("timeout".into(), serde_json::json!(timeout));
        if let Some((_, attempts)) = dead_letters {
            props.insert("dlq".into(), serde_json::json!({"maxDeliveryAttempts": attempts}));
        }
        Queue::new(&props, dead_letters.map(|(q, _)| q), vec![(7, 2)], None).unwrap()
    }

    fn batch(ready: Ready) -> Vec<(u64, String)> {
        match ready {
            Ready::Batch(7, batch) => batch.into_iter().map(|d| (d.id, d.body)).collect(),
            _ => Vec::new(),
        }
    }

    #[test]
    fn a_taken_message_is_hidden_until_acknowledged_or_timed_out() {
        let queue = queue(10.0, None);
        queue.push(&["a".into(), "b".into(), "c".into()]).unwrap();
        let now = Instant::now();
        let first = batch(queue.take(&|_| true, now));
        assert_eq!(first, [(0, "a".to_string()), (1, "b".to_string())]);
        queue.acknowledge(0);
        assert!(queue.fail(1).is_none());
        assert_eq!(batch(queue.take(&|_| true, now)), [(2, "c".to_string())]);
        let Ready::Later(Some(next)) = queue.take(&|_| true, now) else { panic!("nothing should be visible") };
        assert_eq!(next, now + Duration::from_secs(10));
        assert_eq!(queue.visible(), 0);
        assert_eq!(batch(queue.take(&|_| true, next)), [(1, "b".to_string()), (2, "c".to_string())]);
        assert_eq!(queue.visible(), 0);
    }

    #[test]
    fn a_message_that_fails_too_often_goes_to_the_dead_letter_queue() {
        let queue = queue(1.0, Some((9, 2.0)));
        queue.push(&["poison".into()]).unwrap();
        let now = Instant::now();
        assert_eq!(batch(queue.take(&|_| true, now)).len(), 1);
        assert!(queue.fail(0).is_none());
        let later = now + Duration::from_secs(1);
        assert_eq!(batch(queue.take(&|_| true, later)).len(), 1);
        assert_eq!(queue.fail(0), Some((9, "poison".to_string())));
        assert_eq!(queue.visible(), 0);
    }

    #[test]
    fn a_busy_consumer_leaves_messages_visible() {
        let queue = queue(1.0, None);
        queue.push(&["a".into()]).unwrap();
        assert!(matches!(queue.take(&|_| false, Instant::now()), Ready::Later(None)));
        assert_eq!(queue.pop().as_deref(), Some("a"));
        assert!(queue.push(&[String::new()]).is_err());
    }
}
