//! The Wing language server: takes LSP messages on stdin, gives answers on
//! stdout (`wingc lsp`). Every answer comes from the compiler's own front
//! end (`wingc::driver::check_with`, the checker the CLI runs), so the
//! editor shows exactly the CLI's diagnostics; nothing here links the
//! simulator (wasmtime).
//!
//! - [`server`]: the protocol (tower-lsp-server): open documents, requests
//!   answered from the analysis of the text they ask about
//!   (`ContentModified` when it changes first), dispatch to the features.
//! - [`checker`]: the thread that checks changed documents (and the open
//!   files that bring them), coalescing the changes that come during a
//!   check, and hands their diagnostics to the server to publish.
//! - [`analysis`]: one checked document; [`occurrences`]: every name with
//!   what it refers to; [`lines`]: offsets ↔ LSP positions.
//! - [`features`]: hover, completion, navigation, outline, quick fixes and
//!   formatting, each a pure function of an analysis.
//!
//! # Latency
//!
//! Measured with `lsp/examples/editor_latency.rs` on `gen-lines.sh 120` (4,922
//! lines), release build, this 2-core machine shared with other builds
//! (load 2–3.5; at load 7 every figure is about twice as long):
//!
//! | what the editor waits for | before | now |
//! |---|---|---|
//! | `didChange` → diagnostics (a whole check) | 16–22 ms | same; 25 ms through the server |
//! | hover | 0.01 ms | same; 0.02 ms through the server |
//! | completion after `.` typed | 16–23 ms (a whole check) | 0.03 ms; 1.1–1.4 ms through the server (JSON of the items included) |
//! | completion after `receiver.` pasted at once | 16–23 ms | one check (the one the change starts) |
//! | completion of names after a letter typed | one check, then 1.2 ms | 1.2 ms; 9 ms through the server at load 7 (about 400 items) |
//!
//! A whole check of that file is about 1 ms of stdlib parsing, 7 ms of
//! parsing, 6–8 ms of checking and 3 ms of collecting name occurrences.
//! Completion after `.` used to check the whole text again with a
//! placeholder name at the cursor, once per request. Of the ways to avoid
//! that, re-checking only the enclosing top-level item needs what this
//! checker does not have: its tables (`Semantics`) are one set for the
//! whole program, keyed by node ids, with inference across items, and
//! half the cost is parsing, which would need incremental re-parsing with
//! span shifting as well. Reusing the last analysis for what an edit
//! cannot have changed needs nothing from the compiler, so completion
//! does that ([`features::complete::members_from_earlier`]): when the
//! receiver before the `.` is written as it was in an earlier analysis
//! and everything that changed since comes after it and is only names,
//! dots and spaces within one line (which is what typing `receiver.` or
//! `receiver.na` changes), no scope or declaration changed shape, so the
//! receiver's checked type still holds and its members are read from the
//! earlier analysis. The tests compare those answers with a whole check
//! on a large file. Otherwise completion waits for a check under way (it
//! is the check of the text being completed, usually started by the
//! keystroke before the `.`), and only then checks the text with a
//! placeholder. The one case where the earlier type can differ from a
//! check's: a receiver whose type is inferred from its first later use
//! (`let items = [];`), when that use was just edited away. Completion of
//! names reads the earlier analysis under the same rule
//! ([`features::complete::names_from_earlier`], if the edit touches no
//! name it resolved), else waits for the check of the text.
//!
//! Diagnostics are not delayed (no debounce): an idle checker thread
//! checks a change at once; changes during a check are coalesced into one
//! check of the newest text, and only the diagnostics of the text the
//! editor shows are published. A check under way is not interrupted (it
//! takes one check's time at most, about 20 ms on 5,000 lines).

pub mod analysis;
pub mod checker;
pub mod features;
pub mod lines;
pub mod occurrences;
pub mod server;

/// How much stack the server's threads get: the checker and the features
/// recurse over the tree, as deep as the parser's nesting limit allows.
const SERVER_STACK: usize = 256 << 20;

/// Runs `f`, turning a panic into `None`.
fn guarded<T>(f: impl FnOnce() -> T) -> Option<T> {
    std::panic::catch_unwind(std::panic::AssertUnwindSafe(f)).ok()
}

/// Serves LSP over stdin/stdout until the client says `exit`; gives the
/// process exit code.
pub fn run_stdio() -> i32 {
    let serve = || {
        let runtime = match tokio::runtime::Builder::new_current_thread().enable_all().thread_stack_size(SERVER_STACK).build() {
            Ok(runtime) => runtime,
            Err(e) => {
                eprintln!("error: cannot start the language server: {e}");
                return 1;
            }
        };
        runtime.block_on(server::serve(tokio::io::stdin(), tokio::io::stdout()));
        0
    };
    match std::thread::Builder::new().name("wing-lsp".into()).stack_size(SERVER_STACK).spawn(serve) {
        Ok(thread) => thread.join().unwrap_or(1),
        Err(e) => {
            eprintln!("error: cannot start the language server: {e}");
            1
        }
    }
}
