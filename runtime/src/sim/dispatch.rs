//! The dispatcher thread of a simulator: takes visible queue messages and
//! runs their consumer, until the simulator stops.

use super::{ResourceState, Shared};
use std::sync::Arc;
use std::thread::JoinHandle;
use std::time::{Duration, Instant};
use wing_std::Value;

/// How long the dispatcher sleeps when nothing is scheduled.
const IDLE: Duration = Duration::from_secs(1);

pub fn start(shared: Arc<Shared>) -> JoinHandle<()> {
    std::thread::Builder::new().name("wing-dispatch".into()).spawn(move || run(&shared)).expect("start the dispatcher thread")
}

fn run(shared: &Arc<Shared>) {
    while !shared.is_stopping() {
        let seen = shared.activity();
        let now = Instant::now();
        let mut next_wake = now + IDLE;
        let mut delivered = false;
        for (index, node) in shared.resources.iter().enumerate() {
            let ResourceState::Queue(queue) = &node.state else { continue };
            match queue.take(now) {
                Ok(delivery) => {
                    delivered = true;
                    match shared.invoke_function(delivery.consumer, Value::str(&delivery.body)) {
                        Ok(_) => {
                            queue.acknowledge(delivery.id);
                            shared.notify();
                        }
                        Err(failure) => {
                            let consumer = &shared.resources[delivery.consumer].path;
                            shared.log(
                                consumer,
                                format!("error: {} (message from {} will be retried)", failure, shared.resources[index].path),
                            );
                        }
                    }
                }
                Err(Some(visible_at)) => next_wake = next_wake.min(visible_at),
                Err(None) => {}
            }
            if shared.is_stopping() {
                return;
            }
        }
        if !delivered {
            shared.wait_for_change(seen, next_wake);
        }
    }
}
