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
use std::collections::VecDeque;
use std::sync::Mutex;
use std::time::{Duration, Instant};
use wing_std::Value;

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

#[derive(Debug, Default)]
struct Messages {
    items: VecDeque<Message>,
    next_id: u64,
    /// Which consumer gets the next batch (round robin).
    next_consumer: usize,
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
                state.items.push_back(queue.message(id, body));
            }
        }
        Ok(queue)
    }

    fn message(&self, id: u64, body: String) -> Message {
        let now = Instant::now();
        Message { id, body, attempts: 0, visible_at: now, expires_at: now + self.retention }
    }

    /// Appends messages (all saved before any is visible).
    pub fn push(&self, bodies: &[String]) -> Result<(), OpError> {
        if bodies.iter().any(String::is_empty) {
            return wing("Empty messages are not allowed");
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
            state.items.push_back(self.message(id, body.clone()));
        }
        Ok(())
    }

    /// Removes and gives the oldest visible message.
    fn pop(&self) -> Result<Option<String>, OpError> {
        let mut state = lock(&self.state);
        let now = Instant::now();
        self.expire(&mut state, now);
        let Some(at) = state.items.iter().position(|m| m.visible_at <= now) else { return Ok(None) };
        let message = state.items.remove(at).map(|m| (m.id, m.body));
        if let Some((id, _)) = &message {
            self.forget(*id);
        }
        Ok(message.map(|(_, body)| body))
    }

    fn purge(&self) {
        let mut state = lock(&self.state);
        for message in std::mem::take(&mut state.items) {
            self.forget(message.id);
        }
    }

    fn len(&self) -> usize {
        let mut state = lock(&self.state);
        self.expire(&mut state, Instant::now());
        state.items.len()
    }

    pub fn has_consumer(&self) -> bool {
        !self.consumers.is_empty()
    }

    /// Takes up to a batch of visible messages for a consumer that has
    /// capacity, hiding them for the visibility timeout.
    pub fn take(&self, sim: &Shared, now: Instant) -> Ready {
        let consumers = &self.consumers;
        if consumers.is_empty() {
            return Ready::Later(None);
        }
        let mut state = lock(&self.state);
        self.expire(&mut state, now);
        let next_wake = state.items.iter().map(|m| m.visible_at.max(now).min(m.expires_at)).filter(|t| *t > now).min();
        if !state.items.iter().any(|m| m.visible_at <= now) {
            return Ready::Later(next_wake);
        }
        let start = state.next_consumer;
        let Some((consumer, batch)) = (0..consumers.len())
            .map(|i| consumers[(start + i) % consumers.len()])
            .find(|(c, _)| sim.function(*c).is_some_and(|f| f.has_capacity()))
        else {
            return Ready::Later(None);
        };
        state.next_consumer = start.wrapping_add(1);
        let visibility = self.visibility;
        let taken: Vec<Delivery> = state
            .items
            .iter_mut()
            .filter(|m| m.visible_at <= now)
            .take(batch)
            .map(|m| {
                m.attempts += 1;
                m.visible_at = now + visibility;
                Delivery { id: m.id, body: m.body.clone() }
            })
            .collect();
        Ready::Batch(consumer, taken)
    }

    /// The consumer handled the message: it is gone.
    pub fn acknowledge(&self, id: u64) {
        let mut state = lock(&self.state);
        state.items.retain(|m| m.id != id);
        self.forget(id);
    }

    /// The consumer did not run (its concurrency was full): the message is
    /// visible again at once, its attempt not counted.
    pub fn release(&self, id: u64) {
        let mut state = lock(&self.state);
        if let Some(message) = state.items.iter_mut().find(|m| m.id == id) {
            message.attempts = message.attempts.saturating_sub(1);
            message.visible_at = Instant::now();
        }
    }

    /// The consumer failed: the message stays hidden until its visibility
    /// timeout, unless it has used up its attempts and there is a
    /// dead-letter queue, which then gets it (given back as its body).
    pub fn fail(&self, id: u64) -> Option<(ResourceIndex, String)> {
        let (dead_letters, max) = self.dead_letters?;
        let mut state = lock(&self.state);
        let at = state.items.iter().position(|m| m.id == id && m.attempts >= max)?;
        let message = state.items.remove(at)?;
        self.forget(id);
        Some((dead_letters, message.body))
    }

    fn expire(&self, state: &mut Messages, now: Instant) {
        let before = state.items.len();
        let mut expired = Vec::new();
        state.items.retain(|m| {
            let keep = m.expires_at > now;
            if !keep {
                expired.push(m.id);
            }
            keep
        });
        if state.items.len() != before {
            expired.into_iter().for_each(|id| self.forget(id));
        }
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
        "pop" => |ctx, _| Ok(queue(ctx.sim, ctx.index)?.pop()?.map_or(Value::Nil, Value::string)),
        "purge" => |ctx, _| {
            queue(ctx.sim, ctx.index)?.purge();
            ctx.sim.notify();
            Ok(Value::Nil)
        },
        "approxSize" => |ctx, _| Ok(Value::Num(queue(ctx.sim, ctx.index)?.len() as f64)),
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
        return wing("Empty messages are not allowed");
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
fn messages(args: &[Value]) -> Result<Vec<String>, OpError> {
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
