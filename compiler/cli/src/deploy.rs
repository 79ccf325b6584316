//! `wingc compile -t tf-aws`: takes the program and the options, gives the
//! target folder (`main.tf.json` and `assets/`) with what only the command
//! can add to it: each function's bundle precompiled by the engine `wingc`
//! links (`bundle.cwasm`), and the Lambda runtime's layer
//! (`assets/runtime.zip`) from the `bootstrap` executable it finds.

use crate::{CompileOptions, compiled};
use std::path::{Path, PathBuf};
use wingc::driver::compile_tf_aws;
use wingc::targets::tf_aws::{self, Packing, RUNTIME_EXECUTABLE, TfAwsApp};

/// The variable that names the runtime's executable; without it, the
/// runtime is `bootstrap` beside `wingc` (where `cargo build -p wingc-cli
/// -p wing-lambda` puts both).
const RUNTIME_VARIABLE: &str = "WINGC_LAMBDA_RUNTIME";

/// Compiles for AWS and writes the target folder; prints what went wrong
/// and gives `None` on failure.
pub fn build_tf_aws(file: &Path, options: &CompileOptions) -> Option<PathBuf> {
    let runtime = match lambda_runtime() {
        Ok(runtime) => runtime,
        Err(error) => {
            eprintln!("error: {error}");
            return None;
        }
    };
    let precompile = |wasm: &[u8]| wing_runtime::precompile(wasm).map_err(|e| e.0);
    let packing = Packing { precompile: Some(&precompile), runtime: runtime.as_deref() };
    let (app, dir) = compiled(file, options, "tf-aws", |input| compile_tf_aws(input, packing))?;
    match tf_aws::write(&app, &dir) {
        Ok(()) => {
            warn_without_runtime(&app);
            Some(dir)
        }
        Err(e) => {
            eprintln!("error: cannot write {}: {e}", dir.display());
            None
        }
    }
}

/// The runtime's executable: the file [`RUNTIME_VARIABLE`] names (an
/// error when it cannot be read or is no Linux x86-64 executable), else
/// `bootstrap` beside `wingc` when there is one.
fn lambda_runtime() -> Result<Option<Vec<u8>>, String> {
    if let Some(path) = std::env::var_os(RUNTIME_VARIABLE) {
        let path = PathBuf::from(path);
        let describe = |problem: String| format!("the Lambda runtime {} ({RUNTIME_VARIABLE}) {problem}", path.display());
        let bytes = std::fs::read(&path).map_err(|e| describe(format!("cannot be read: {e}")))?;
        return linux_x86_64_executable(&bytes).map(|()| Some(bytes)).map_err(describe);
    }
    let beside = std::env::current_exe().map(|wingc| wingc.with_file_name(RUNTIME_EXECUTABLE));
    Ok(beside.ok().and_then(|path| std::fs::read(path).ok()).filter(|bytes| linux_x86_64_executable(bytes).is_ok()))
}

/// Whether `bytes` are an ELF executable for x86-64, the architecture the
/// Terraform gives every function.
fn linux_x86_64_executable(bytes: &[u8]) -> Result<(), String> {
    const ELF_MAGIC: &[u8] = b"\x7fELF";
    const MACHINE_X86_64: [u8; 2] = 62u16.to_le_bytes();
    if !bytes.starts_with(ELF_MAGIC) {
        return Err("is not a Linux executable".into());
    }
    if bytes.get(18..20) != Some(&MACHINE_X86_64[..]) {
        return Err("is not built for x86-64".into());
    }
    Ok(())
}

/// Says so when the Terraform names a runtime layer that was not written:
/// `terraform apply` would fail on it.
fn warn_without_runtime(app: &TfAwsApp) {
    let names_layer = app.terraform["resource"]["aws_lambda_layer_version"].is_object();
    if names_layer && !app.assets.iter().any(|(file, _)| file == tf_aws::RUNTIME_ZIP) {
        eprintln!(
            "warning: {} is not written: no Lambda runtime found (`{RUNTIME_EXECUTABLE}` beside wingc, or the file \
             {RUNTIME_VARIABLE} names); build it with `cargo build --release -p wing-lambda`. \
             `terraform apply` needs it",
            tf_aws::RUNTIME_ZIP
        );
    }
}
