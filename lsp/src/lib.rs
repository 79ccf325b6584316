//! The Wing language server: takes LSP messages on stdin, gives answers on
//! stdout (`wingc lsp`). Every answer comes from the compiler's own front
//! end (`wingc::driver::check_with`, the checker the CLI runs), so the
//! editor shows exactly the CLI's diagnostics; nothing here links the
//! simulator (wasmtime).
//!
//! - [`server`]: the protocol (tower-lsp-server): open documents, checking
//!   on every change (and re-checking the open files that bring a changed
//!   one), dispatch to the features.
//! - [`analysis`]: one checked document; [`occurrences`]: every name with
//!   what it refers to; [`lines`]: offsets ↔ LSP positions.
//! - [`features`]: hover, completion, navigation, outline, quick fixes and
//!   formatting, each a pure function of an analysis.

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
