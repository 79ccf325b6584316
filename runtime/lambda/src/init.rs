//! Init: takes the folder Lambda unpacked the function's zip into and the
//! process environment, gives the [`Function`] every event runs: its config
//! (`wing.json`), its bundle loaded once (precompiled `bundle.cwasm` when
//! this engine made it, else `bundle.wasm` compiled here), its lifted values
//! with attribute tokens resolved from the environment, the AWS backend and
//! the environment inflight code sees.

use crate::aws::{Aws, Deployed};
use std::collections::BTreeMap;
use std::path::Path;
use std::sync::Arc;
use wing_abi::LiftedValue;
use wing_abi::lambda::{BUNDLE_FILE, CONFIG_FILE, LAMBDA_CONFIG_VERSION, LambdaConfig, PRECOMPILED_FILE};
use wing_runtime::LoadedBundle;

/// Memory Lambda gives a function unless it says (MB).
const DEFAULT_MEMORY_MB: usize = 1024;

/// What the runtime sets up once and uses for every event.
pub struct Function {
    pub config: LambdaConfig,
    pub bundle: Arc<LoadedBundle>,
    pub lifts: Arc<[LiftedValue]>,
    pub backend: Arc<Aws>,
    /// What `util.env` reads.
    pub env: Arc<BTreeMap<String, String>>,
    /// Bytes the values of one invocation may use: the function's memory.
    pub heap_limit: usize,
    /// How the bundle was loaded (`bundle.cwasm`, or compiled).
    pub loaded_from: &'static str,
}

/// Sets up the function in `task_root` with the process environment `env`.
pub fn init(task_root: &Path, env: &BTreeMap<String, String>) -> Result<Function, String> {
    let config_file = task_root.join(CONFIG_FILE);
    let text = std::fs::read_to_string(&config_file).map_err(|e| format!("cannot read {}: {e}", config_file.display()))?;
    let config: LambdaConfig =
        serde_json::from_str(&text).map_err(|e| format!("{} is not a valid function config: {e}", config_file.display()))?;
    if config.version != LAMBDA_CONFIG_VERSION {
        return Err(format!(
            "the function was compiled for config version {}, this runtime reads version {LAMBDA_CONFIG_VERSION}",
            config.version
        ));
    }
    let backend = Arc::new(Aws::new(deployed_resources(&config, env)?));
    let (bundle, loaded_from) = load_bundle(&config.bundle, task_root)?;
    let resolve = |text: &str| wing_abi::token::resolve(text, &|path, attribute| backend.attribute_of(path, attribute));
    let lifts = wing_runtime::resolve_lifts(&config.bundle.lifts, &resolve)
        .unwrap_or_else(|| config.bundle.lifts.iter().cloned().collect());
    let memory_mb = env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").and_then(|m| m.parse().ok()).unwrap_or(DEFAULT_MEMORY_MB);
    Ok(Function {
        config,
        bundle: Arc::new(bundle),
        lifts,
        backend,
        env: Arc::new(function_env(env)),
        heap_limit: memory_mb << 20,
        loaded_from,
    })
}

/// The resources of the config with their attributes, each read from the
/// environment variable the config names for it.
fn deployed_resources(config: &LambdaConfig, env: &BTreeMap<String, String>) -> Result<Vec<Deployed>, String> {
    config
        .resources
        .iter()
        .map(|(path, resource)| {
            let attributes = resource
                .env
                .iter()
                .map(|(attribute, variable)| match env.get(variable) {
                    Some(value) => Ok((attribute.clone(), value.clone())),
                    None => Err(format!("the environment variable {variable} ({attribute} of {path}) is not set")),
                })
                .collect::<Result<_, String>>()?;
            Ok(Deployed { path: path.clone(), type_name: resource.type_name.clone(), props: resource.props.clone(), attributes })
        })
        .collect()
}

/// The bundle, from `bundle.cwasm` when this engine precompiled it, else
/// compiled from `bundle.wasm`; and which of the two it was.
fn load_bundle(bundle: &wing_abi::Bundle, task_root: &Path) -> Result<(LoadedBundle, &'static str), String> {
    let wasm_file = task_root.join(BUNDLE_FILE);
    let wasm = std::fs::read(&wasm_file).map_err(|e| format!("cannot read {}: {e}", wasm_file.display()))?;
    if let Ok(cwasm) = std::fs::read(task_root.join(PRECOMPILED_FILE)) {
        match precompiled(&cwasm) {
            Ok(module) => return Ok((LoadedBundle::link(bundle, module, &wasm).map_err(|e| e.0)?, PRECOMPILED_FILE)),
            Err(error) => eprintln!("{PRECOMPILED_FILE} was not made for this runtime ({error}); compiling {BUNDLE_FILE}"),
        }
    }
    Ok((LoadedBundle::compile(bundle, &wasm).map_err(|e| e.0)?, BUNDLE_FILE))
}

/// A module precompiled for this runtime's engine; an error when `cwasm`
/// is not one, or was made by another wasmtime or engine configuration.
#[allow(unsafe_code, reason = "the one way to load precompiled code")]
fn precompiled(cwasm: &[u8]) -> Result<wasmtime::Module, String> {
    let engine = wing_runtime::engine();
    if wasmtime::Engine::detect_precompiled(cwasm) != Some(wasmtime::Precompiled::Module) {
        return Err("not a precompiled module".into());
    }
    // SAFETY: the bytes come from the function's own zip, written by
    // `wingc compile -t tf-aws` and deployed with this runtime: code as
    // trusted as the bundle itself. wasmtime checks that they were made by
    // the same version with the same configuration and refuses them
    // otherwise.
    unsafe { wasmtime::Module::deserialize(engine, cwasm) }.map_err(|e| format!("{e:#}"))
}

/// The environment inflight code sees: the function's variables as
/// Terraform set them, without those Lambda adds for the runtime (its
/// credentials among them).
fn function_env(env: &BTreeMap<String, String>) -> BTreeMap<String, String> {
    const RUNTIME_PREFIXES: [&str; 4] = ["AWS_", "LAMBDA_", "_HANDLER", "_X_AMZN_"];
    env.iter()
        .filter(|(name, _)| !RUNTIME_PREFIXES.iter().any(|p| name.starts_with(p)))
        .map(|(k, v)| (k.clone(), v.clone()))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn inflight_code_never_sees_the_runtime_variables() {
        let env: BTreeMap<String, String> = [
            ("AWS_SECRET_ACCESS_KEY", "s"),
            ("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001"),
            ("LAMBDA_TASK_ROOT", "/var/task"),
            ("_HANDLER", "wing"),
            ("_X_AMZN_TRACE_ID", "t"),
            ("STAGE", "prod"),
            ("WING_TARGET", "tf-aws"),
        ]
        .into_iter()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect();
        assert_eq!(function_env(&env).keys().collect::<Vec<_>>(), ["STAGE", "WING_TARGET"]);
    }

    #[test]
    fn a_missing_attribute_variable_is_named() {
        let config: LambdaConfig = serde_json::from_value(serde_json::json!({
            "version": 1,
            "path": "root/Default/f",
            "trigger": { "kind": "invoke" },
            "bundle": { "id": "b0", "file": "bundle.wasm", "hash": "0", "params": [], "result": "void", "lifts": [] },
            "resources": { "root/Default/b": { "type": "cloud.Bucket", "env": { "name": "WING_BUCKET_NAME_1" } } }
        }))
        .expect("a config");
        let error = deployed_resources(&config, &BTreeMap::new()).unwrap_err();
        assert_eq!(error, "the environment variable WING_BUCKET_NAME_1 (name of root/Default/b) is not set");
    }
}
