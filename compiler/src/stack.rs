//! The stack the compiler's stages run on: takes a piece of work, gives
//! its result, computed on a thread with [`COMPILE_STACK`] (the driver's
//! compiles and the formatter, whose parse of a long file nests deep).

/// How much stack compiling gets: preflight code may recurse (up to the
/// evaluator's depth limit) and each level costs several interpreter
/// frames. The memory is reserved, not used, until needed.
const COMPILE_STACK: usize = 512 << 20;

/// Runs `work` on a thread with the compile stack.
pub fn on_compile_thread<T: Send>(work: impl FnOnce() -> T + Send + Copy) -> T {
    std::thread::scope(|scope| {
        std::thread::Builder::new()
            .name("wingc-compile".into())
            .stack_size(COMPILE_STACK)
            .spawn_scoped(scope, work)
            .map(|thread| thread.join().unwrap_or_else(|panic| std::panic::resume_unwind(panic)))
            .unwrap_or_else(|_| work())
    })
}
