//! The checker thread and the documents it checks: takes the open
//! documents' texts as the server records changes, gives each document's
//! analysis (stored for requests, which wait on [`Shared::checked`]) and
//! its diagnostics (sent to the server to publish).
//!
//! A change does not start a check: it marks the document, and the open
//! documents that bring it, as stale, and wakes the thread. The thread
//! checks the newest text of every stale document at once if it is idle
//! (a single keystroke waits for nothing but its check); changes that come
//! during a check mark the document stale again, so the result of that
//! check is kept (member completion can still read it) but not published,
//! and the thread then checks the newest text once. A burst of edits thus
//! costs two checks however long it is — the first text and the last —
//! and only diagnostics of the text the editor shows are published, with
//! its version. This is rust-analyzer's scheme, without interrupting the
//! check already running (ours takes about 15 ms on 5,000 lines).

use crate::analysis::{self, Analysis};
use crate::features::actions;
use crate::guarded;
use std::collections::HashMap;
use std::path::PathBuf;
use std::sync::{Arc, Condvar, Mutex, MutexGuard, PoisonError};
use tokio::sync::{mpsc, watch};
use tower_lsp_server::ls_types::{Diagnostic, Uri};

/// An open document.
pub struct Doc {
    pub text: String,
    /// The editor's version of the text.
    pub version: i32,
    /// Which change of any document gave this text (a number that only
    /// grows, so it tells the texts of one document apart even across a
    /// close and reopen).
    pub edits: u64,
    /// Whether it is to be checked again (its text, or a file it brings,
    /// changed since its stored analysis).
    pub stale: bool,
}

/// The last analysis of a document and the text (by `edits`) it checked.
pub struct Stored {
    pub analysis: Arc<Analysis>,
    pub edits: u64,
}

#[derive(Default)]
pub struct State {
    pub docs: HashMap<Uri, Doc>,
    pub analyses: HashMap<Uri, Stored>,
    /// The last throwaway check made for a completion (a placeholder at
    /// the cursor), by document.
    pub speculative: Option<(Uri, Arc<Analysis>)>,
    /// Stale documents not yet taken by the checker, in order of change.
    waiting: Vec<Uri>,
    /// How many changes (opening included) the server has recorded.
    changes: u64,
    stopped: bool,
}

/// Diagnostics to publish (none, without a version, for a closed
/// document).
pub struct Publish {
    pub uri: Uri,
    pub diagnostics: Vec<Diagnostic>,
    pub version: Option<i32>,
}

/// What the server and the checker thread share.
pub struct Shared {
    state: Mutex<State>,
    /// Signalled on each change (the checker thread waits on it).
    wake: Condvar,
    /// Counts the checks stored: requests wait for it to move.
    pub checked: watch::Sender<u64>,
    /// Where diagnostics go, in order (sent under the lock, so that a
    /// closed document's empty set comes after its last one).
    publish: mpsc::UnboundedSender<Publish>,
}

/// The path a document is checked under (an untitled one: its name only).
pub fn path_of(uri: &Uri) -> PathBuf {
    uri.to_file_path().map(|p| p.into_owned()).unwrap_or_else(|| PathBuf::from("main.w"))
}

/// Starts the checker thread; diagnostics go to `publish`.
pub fn start(publish: mpsc::UnboundedSender<Publish>) -> std::io::Result<Arc<Shared>> {
    let shared = Arc::new(Shared { state: Mutex::default(), wake: Condvar::new(), checked: watch::Sender::new(0), publish });
    let worker = shared.clone();
    std::thread::Builder::new().name("wing-lsp-check".into()).stack_size(crate::SERVER_STACK).spawn(move || worker.run())?;
    Ok(shared)
}

impl State {
    /// Marks a document, and the open documents that bring it, stale.
    fn mark(&mut self, uri: &Uri) {
        let path = path_of(uri);
        let dependents: Vec<Uri> = self
            .analyses
            .iter()
            .filter(|(u, a)| *u != uri && a.analysis.file_of(&path).is_some_and(|f| f != a.analysis.entry))
            .map(|(u, _)| u.clone())
            .collect();
        for u in std::iter::once(uri.clone()).chain(dependents) {
            if let Some(doc) = self.docs.get_mut(&u) {
                doc.stale = true;
                if !self.waiting.contains(&u) {
                    self.waiting.push(u);
                }
            }
        }
    }

    /// The open documents' texts by path (how brought files are read).
    fn overlay(&self) -> HashMap<PathBuf, String> {
        self.docs.iter().map(|(u, d)| (path_of(u), d.text.clone())).collect()
    }
}

/// Documents to check, with the texts of all open documents then.
struct Batch {
    /// Each document with its text and edit count.
    docs: Vec<(Uri, String, u64)>,
    overlay: HashMap<PathBuf, String>,
}

impl Shared {
    pub fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(PoisonError::into_inner)
    }

    /// Records a change: `edit` updates the document's slot (empty when it
    /// is not open); the text gets a new change number and is checked.
    pub fn changed(&self, uri: Uri, edit: impl FnOnce(&mut Option<Doc>)) {
        let mut state = self.lock();
        let mut slot = state.docs.remove(&uri);
        edit(&mut slot);
        let Some(mut doc) = slot else { return };
        state.changes += 1;
        doc.edits = state.changes;
        state.docs.insert(uri.clone(), doc);
        state.mark(&uri);
        drop(state);
        self.wake.notify_all();
    }

    /// Forgets a closed document; the documents that bring it read it
    /// from disk again.
    pub fn closed(&self, uri: &Uri) {
        let mut state = self.lock();
        state.mark(uri);
        state.docs.remove(uri);
        state.analyses.remove(uri);
        state.waiting.retain(|u| u != uri);
        if state.speculative.as_ref().is_some_and(|(u, _)| u == uri) {
            state.speculative = None;
        }
        let _ = self.publish.send(Publish { uri: uri.clone(), diagnostics: Vec::new(), version: None });
        drop(state);
        self.wake.notify_all();
        self.checked.send_modify(|n| *n += 1);
    }

    pub fn overlay(&self) -> HashMap<PathBuf, String> {
        self.lock().overlay()
    }

    /// Ends the checker thread (after the check it is running).
    pub fn stop(&self) {
        self.lock().stopped = true;
        self.wake.notify_all();
    }

    fn run(&self) {
        while let Some(batch) = self.next_batch() {
            for (uri, text, edits) in batch.docs {
                if self.lock().waiting.contains(&uri) {
                    continue; // changed again since: checked in the next batch
                }
                let overlay = |p: &std::path::Path| batch.overlay.get(p).cloned();
                let analysis = guarded(|| analysis::analyze(&path_of(&uri), &text, &overlay)).map(Arc::new);
                let diagnostics = analysis.as_ref().and_then(|a| guarded(|| actions::diagnostics(a, a.entry)));
                self.store(uri, edits, analysis, diagnostics.unwrap_or_default());
            }
        }
    }

    /// Waits for stale documents; `None` once stopped.
    fn next_batch(&self) -> Option<Batch> {
        let mut state = self.lock();
        while state.waiting.is_empty() && !state.stopped {
            state = self.wake.wait(state).unwrap_or_else(PoisonError::into_inner);
        }
        if state.stopped {
            return None;
        }
        let waiting = std::mem::take(&mut state.waiting);
        let docs = waiting.into_iter().filter_map(|u| state.docs.get(&u).map(|d| (u.clone(), d.text.clone(), d.edits))).collect();
        Some(Batch { docs, overlay: state.overlay() })
    }

    /// Keeps a document's new analysis; publishes its diagnostics if no
    /// change came meanwhile.
    fn store(&self, uri: Uri, edits: u64, analysis: Option<Arc<Analysis>>, diagnostics: Vec<Diagnostic>) {
        let mut state = self.lock();
        let stale = state.waiting.contains(&uri);
        let Some(doc) = state.docs.get_mut(&uri) else { return };
        doc.stale = stale;
        let version = doc.version;
        match analysis {
            Some(analysis) => state.analyses.insert(uri.clone(), Stored { analysis, edits }),
            None => state.analyses.remove(&uri),
        };
        if !stale {
            let _ = self.publish.send(Publish { uri, diagnostics, version: Some(version) });
        }
        drop(state);
        self.checked.send_modify(|n| *n += 1);
    }
}
