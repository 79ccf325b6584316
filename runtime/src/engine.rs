//! The wasmtime engine every bundle of a process runs on: takes nothing,
//! gives one shared [`Engine`] configured for bundles (exceptions on,
//! epoch interruption for timeouts, the pooling allocator for cheap
//! per-invocation instances) and the clock that drives epochs.

use std::sync::OnceLock;
use std::time::Duration;
use wasmtime::{Config, Engine, InstanceAllocationStrategy, PoolingAllocationConfig};

/// How often the epoch advances: the resolution of function timeouts.
pub const EPOCH_TICK: Duration = Duration::from_millis(1);

/// Instances that may be alive at once across the process (each running
/// invocation holds one; nested `invoke` calls hold one per level).
const MAX_INSTANCES: u32 = 1_000;

/// The stack size of every thread that runs invocations (test runners,
/// queue and schedule workers, services, the HTTP server's threads): the
/// Wasm stack ([`Config::max_wasm_stack`]) is half of it, the rest is for
/// the host functions Wasm calls. An embedder running invocations on its
/// own threads gives them this much stack (the main thread's 8 MiB is).
pub const INVOCATION_STACK: usize = 8 << 20;

/// The process-wide engine; the first call starts the epoch clock.
pub fn engine() -> &'static Engine {
    static ENGINE: OnceLock<Engine> = OnceLock::new();
    ENGINE.get_or_init(|| {
        let engine = Engine::new(&config()).expect("the bundle engine configuration is valid");
        let ticker = engine.clone();
        std::thread::Builder::new()
            .name("wing-epoch".into())
            .spawn(move || {
                loop {
                    std::thread::sleep(EPOCH_TICK);
                    ticker.increment_epoch();
                }
            })
            .expect("start the epoch clock thread");
        engine
    })
}

fn config() -> Config {
    let mut config = Config::new();
    config.wasm_exceptions(true);
    config.wasm_gc(true);
    config.wasm_function_references(true);
    config.epoch_interruption(true);
    // Bundles are mostly calls into the host: optimising them buys little
    // and costs start time (every bundle compiles when an app loads).
    config.cranelift_opt_level(wasmtime::OptLevel::None);
    config.cranelift_regalloc_algorithm(wasmtime::RegallocAlgorithm::SinglePass);
    config.wasm_backtrace_max_frames(std::num::NonZeroUsize::new(64));
    // Eight times wasmtime's default: about 22,000 nested calls of a small
    // function (Wing's Node.js stack takes about 8,000), and half the
    // stack of every thread an invocation runs on ([`INVOCATION_STACK`]):
    // a deeper limit would let Wasm overflow the thread's own stack.
    config.max_wasm_stack(INVOCATION_STACK / 2);
    // Only checked against the Wasm stack: no invocation runs async.
    config.async_stack_size(INVOCATION_STACK);
    let mut pooling = PoolingAllocationConfig::new();
    pooling
        .total_core_instances(MAX_INSTANCES)
        .total_memories(MAX_INSTANCES)
        .total_tables(MAX_INSTANCES)
        .total_gc_heaps(MAX_INSTANCES)
        // Bundles keep only string constants in linear memory.
        .max_memory_size(1 << 24)
        .table_elements(1 << 16)
        // Reset the first pages of a freed instance's memory and table by
        // writing zeros instead of unmapping them: unmapping costs a TLB
        // flush on every core per invocation.
        .linear_memory_keep_resident(1 << 16)
        .table_keep_resident(1 << 16);
    config.allocation_strategy(InstanceAllocationStrategy::Pooling(pooling));
    // Small reservations: many instances, tiny memories.
    config.memory_reservation(1 << 24);
    config.memory_guard_size(1 << 16);
    config.gc_heap_reservation(1 << 24);
    config.gc_heap_guard_size(1 << 16);
    config
}
