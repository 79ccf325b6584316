//! The wingc simulator: runs a compiled app (`app.json` + Wasm bundles,
//! see `spec/abi.md`) with simulated cloud resources.
//!
//! * [`App`]: a loaded app; every bundle compiled once (cranelift) and
//!   linked against the host functions it imports.
//! * [`Simulator`]: the live resources of one app (state, HTTP servers for
//!   Apis and Websites, workers delivering messages, events and ticks).
//!   Every test gets a fresh one; `wingc run` keeps one up.
//! * [`App::run_tests`]: runs `test` blocks in parallel, each in its own
//!   simulator.
//!
//! Inflight code reaches resources only through capability handles: the
//! operations granted to a bundle are exactly the ones the compiler found
//! it can call, and the host checks the grant on every call.
//!
//! ```no_run
//! let app = wing_runtime::App::load(std::path::Path::new("target/main.wsim"))?;
//! for result in app.run_tests(&wing_runtime::TestOptions::default()) {
//!     println!("{} {}", if result.passed { "pass" } else { "fail" }, result.name);
//! }
//! # Ok::<(), wing_runtime::LoadError>(())
//! ```

pub mod backend;
mod bundle;
mod engine;
mod host;
mod invoke;
mod sim;
mod slow;
mod state;
mod testing;

pub use backend::Backend;
pub use bundle::{Repr, SourceFrame};
pub use engine::INVOCATION_STACK;
pub use invoke::{Failure, Invocation, Live};
pub use sim::secret::parse_env_file;
pub use sim::setup::resolve_lifts;
pub use sim::{LogLine, LogSink, Outcome, SimOptions, Simulator, StartError, Trace};
pub use testing::{ResultSink, TestOptions, TestResult};

use bundle::BundleInfo;
use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;
use std::time::Duration;
use wasmtime::{InstancePre, Module};
use wing_abi::{LiftedValue, Manifest};

/// Why an app could not be loaded.
#[derive(Debug)]
pub struct LoadError(pub String);

impl std::fmt::Display for LoadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for LoadError {}

/// A bundle compiled and linked, ready to instantiate.
pub struct LoadedBundle {
    pub id: String,
    pre: InstancePre<state::HostState>,
    info: BundleInfo,
    lifts: Arc<[LiftedValue]>,
    params: Vec<Repr>,
    result: Repr,
}

/// A loaded app: cheap to clone, shared by all its simulators.
#[derive(Clone)]
pub struct App(Arc<AppData>);

struct AppData {
    manifest: Manifest,
    bundles: Vec<Arc<LoadedBundle>>,
    bundle_ids: HashMap<String, usize>,
}

impl App {
    /// Loads `dir/app.json` and the bundles it names.
    pub fn load(dir: &Path) -> Result<App, LoadError> {
        let manifest_file = dir.join(wing_abi::MANIFEST_FILE);
        let text = std::fs::read_to_string(&manifest_file)
            .map_err(|e| LoadError(format!("cannot read {}: {e}", manifest_file.display())))?;
        let manifest: Manifest = serde_json::from_str(&text)
            .map_err(|e| LoadError(format!("{} is not a valid manifest: {e}", manifest_file.display())))?;
        let mut wasm = Vec::new();
        for bundle in &manifest.bundles {
            let file = dir.join(&bundle.file);
            let bytes = std::fs::read(&file).map_err(|e| LoadError(format!("cannot read {}: {e}", file.display())))?;
            wasm.push((bundle.id.clone(), bytes));
        }
        App::new(manifest, &wasm)
    }

    /// An app from a manifest and its bundles' bytes (by bundle id).
    pub fn new(manifest: Manifest, wasm: &[(String, Vec<u8>)]) -> Result<App, LoadError> {
        if manifest.version != wing_abi::MANIFEST_VERSION {
            return Err(LoadError(format!(
                "the app was compiled for manifest version {}, this simulator reads version {}",
                manifest.version,
                wing_abi::MANIFEST_VERSION
            )));
        }
        let bytes: HashMap<&str, &[u8]> = wasm.iter().map(|(id, b)| (id.as_str(), b.as_slice())).collect();
        let compiled = compile_all(&manifest, &bytes)?;
        let bundle_ids = manifest.bundles.iter().enumerate().map(|(i, b)| (b.id.clone(), i)).collect();
        Ok(App(Arc::new(AppData { manifest, bundles: compiled, bundle_ids })))
    }

    pub fn manifest(&self) -> &Manifest {
        &self.0.manifest
    }

    pub(crate) fn bundle(&self, index: usize) -> &Arc<LoadedBundle> {
        &self.0.bundles[index]
    }

    pub(crate) fn bundle_index(&self, id: &str) -> Option<usize> {
        self.0.bundle_ids.get(id).copied()
    }
}

/// Compiles every bundle, spread over the machine's cores.
fn compile_all(manifest: &Manifest, bytes: &HashMap<&str, &[u8]>) -> Result<Vec<Arc<LoadedBundle>>, LoadError> {
    let jobs = std::thread::available_parallelism().map_or(1, |n| n.get()).min(manifest.bundles.len().max(1));
    let next = std::sync::atomic::AtomicUsize::new(0);
    let results: Vec<_> = std::thread::scope(|scope| {
        let workers: Vec<_> = (0..jobs)
            .map(|_| {
                scope.spawn(|| {
                    let mut done = Vec::new();
                    loop {
                        let i = next.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
                        let Some(bundle) = manifest.bundles.get(i) else { break };
                        done.push((i, load_bundle(bundle, bytes.get(bundle.id.as_str()).copied())));
                    }
                    done
                })
            })
            .collect();
        workers.into_iter().flat_map(|w| w.join().unwrap_or_default()).collect()
    });
    let mut ordered: Vec<Option<Arc<LoadedBundle>>> = (0..manifest.bundles.len()).map(|_| None).collect();
    for (i, result) in results {
        ordered[i] = Some(Arc::new(result?));
    }
    ordered
        .into_iter()
        .enumerate()
        .map(|(i, b)| b.ok_or_else(|| LoadError(format!("bundle {} was not compiled", manifest.bundles[i].id))))
        .collect()
}

fn load_bundle(bundle: &wing_abi::Bundle, bytes: Option<&[u8]>) -> Result<LoadedBundle, LoadError> {
    let bytes = bytes.ok_or_else(|| LoadError(format!("bundle {} has no code", bundle.id)))?;
    LoadedBundle::compile(bundle, bytes)
}

impl LoadedBundle {
    /// Compiles `wasm` (Cranelift) and links it against the host.
    pub fn compile(bundle: &wing_abi::Bundle, wasm: &[u8]) -> Result<LoadedBundle, LoadError> {
        let module = Module::new(engine::engine(), wasm).map_err(|e| bundle_error(bundle, "invalid module", e))?;
        LoadedBundle::link(bundle, module, wasm)
    }

    /// Links a compiled `module` against the host; `wasm` is its source
    /// (for the custom sections: source map, import representations).
    pub fn link(bundle: &wing_abi::Bundle, module: Module, wasm: &[u8]) -> Result<LoadedBundle, LoadError> {
        let info = BundleInfo::read(wasm);
        let linker = host::link(&module, &info).map_err(|e| bundle_error(bundle, "cannot link", e))?;
        let pre = linker.instantiate_pre(&module).map_err(|e| bundle_error(bundle, "cannot link", e))?;
        Ok(LoadedBundle {
            id: bundle.id.clone(),
            pre,
            info,
            lifts: bundle.lifts.iter().cloned().collect(),
            params: bundle.params.iter().map(|p| Repr::of_type(p)).collect(),
            result: Repr::of_type(&bundle.result),
        })
    }

    /// The representations of the entry's parameters (how many it takes).
    pub fn params(&self) -> &[Repr] {
        &self.params
    }
}

fn bundle_error(bundle: &wing_abi::Bundle, what: &str, error: wasmtime::Error) -> LoadError {
    LoadError(format!("bundle {} ({}): {what}: {error:#}", bundle.id, bundle.file))
}

/// The engine every bundle of this process runs on (to load a bundle
/// [`precompile`]d for it).
pub fn engine() -> &'static wasmtime::Engine {
    engine::engine()
}

/// `wasm` compiled ahead of time for this runtime's engine: what a Lambda
/// function's `bundle.cwasm` holds. Only an engine of the same wasmtime
/// with the same configuration loads it.
pub fn precompile(wasm: &[u8]) -> Result<Vec<u8>, LoadError> {
    engine::engine().precompile_module(wasm).map_err(|e| LoadError(format!("cannot precompile the bundle: {e:#}")))
}

/// A duration as Wing writes it: `1m`, `30s`, `1.5s`, `250ms`.
pub fn describe_duration(duration: Duration) -> String {
    let seconds = duration.as_secs_f64();
    if seconds >= 60.0 && seconds % 60.0 == 0.0 {
        format!("{}m", seconds / 60.0)
    } else if seconds >= 1.0 {
        format!("{}s", wing_abi::text::format_num(seconds))
    } else {
        format!("{}ms", wing_abi::text::format_num((seconds * 1000.0).round()))
    }
}
