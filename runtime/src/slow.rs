//! What a thread does when the run it holds turns out slow: takes a
//! hand-off that the thread's owner installs for the length of one run,
//! gives the single call of it the moment the run shows it is slow (the
//! engine's periodic check fires while Wasm still runs, or a host
//! function is about to wait).
//!
//! The HTTP server runs a handler that was quick last time directly on
//! the worker thread of its connection, which costs no thread hand-off.
//! Should that run turn slow, the worker's other tasks must not wait for
//! it: the server installs a hand-off that gives them to another thread
//! (`sim::http`), and this module calls it at the first sign.

use std::cell::Cell;

thread_local! {
    static HAND_OFF: Cell<Option<fn()>> = const { Cell::new(None) };
}

/// A hand-off installed on this thread; uninstalled (the previous one
/// restored) when dropped.
pub struct Installed {
    previous: Option<fn()>,
}

/// Installs `hand_off` for the run that follows on this thread, until
/// the returned guard is dropped. It is called at most once.
pub fn install(hand_off: fn()) -> Installed {
    Installed { previous: HAND_OFF.replace(Some(hand_off)) }
}

impl Drop for Installed {
    fn drop(&mut self) {
        HAND_OFF.set(self.previous.take());
    }
}

/// The run on this thread is slow: calls its hand-off, if one is
/// installed and has not been called yet.
pub fn turning_slow() {
    if let Some(hand_off) = HAND_OFF.take() {
        hand_off();
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::sync::atomic::{AtomicUsize, Ordering};

    static CALLS: AtomicUsize = AtomicUsize::new(0);

    fn count() {
        CALLS.fetch_add(1, Ordering::Relaxed);
    }

    #[test]
    fn a_hand_off_is_called_once_and_only_while_installed() {
        turning_slow();
        assert_eq!(CALLS.load(Ordering::Relaxed), 0);
        {
            let _installed = install(count);
            turning_slow();
            turning_slow();
            assert_eq!(CALLS.load(Ordering::Relaxed), 1);
        }
        let _again = install(count);
        drop(_again);
        turning_slow();
        assert_eq!(CALLS.load(Ordering::Relaxed), 1);
    }
}
