//! Asset zips: takes a function's [`LambdaConfig`] and Wasm bundle (and
//! what the caller hands in through [`Packing`]), gives the zip Lambda
//! receives as the function's code, and the runtime layer's zip. Zips are
//! deterministic (fixed times, fixed order), so Terraform redeploys a
//! function only when its code or config changed.

use std::io::Write;
use wing_abi::lambda::{BUNDLE_FILE, CONFIG_FILE, LambdaConfig, PRECOMPILED_FILE};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The runtime layer's zip (`bootstrap`), shared by every function.
pub const RUNTIME_ZIP: &str = "assets/runtime.zip";

/// The name of the runtime's executable in its layer (Lambda runs
/// `/opt/bootstrap` for a custom runtime).
pub const RUNTIME_EXECUTABLE: &str = "bootstrap";

/// Compiles a bundle ahead of time for the Lambda runtime's engine.
pub type Precompile<'a> = &'a (dyn Fn(&[u8]) -> Result<Vec<u8>, String> + Sync);

/// What the assets hold beyond what the compiler makes itself, handed in by
/// its caller (the `wingc` command, which links the engine and finds the
/// runtime): without them the zips still deploy, only slower to start, or
/// without the layer.
#[derive(Clone, Copy, Default)]
pub struct Packing<'a> {
    /// Makes each function's `bundle.cwasm`, so the runtime skips
    /// compiling the bundle at cold start.
    pub precompile: Option<Precompile<'a>>,
    /// The runtime's executable (`bootstrap`), for [`RUNTIME_ZIP`].
    pub runtime: Option<&'a [u8]>,
}

/// The zip of one function: `wing.json`, `bundle.wasm` and, when the
/// packing can make it, `bundle.cwasm`.
pub fn function_zip(config: &LambdaConfig, wasm: &[u8], packing: Packing<'_>) -> Result<Vec<u8>, String> {
    let config = serde_json::to_vec_pretty(config).map_err(|e| e.to_string())?;
    let precompiled = packing.precompile.map(|precompile| precompile(wasm)).transpose()?;
    let mut files = vec![(CONFIG_FILE, config.as_slice(), FILE_MODE), (BUNDLE_FILE, wasm, FILE_MODE)];
    files.extend(precompiled.as_deref().map(|cwasm| (PRECOMPILED_FILE, cwasm, FILE_MODE)));
    zip(&files, SMALL_FILES_LEVEL)
}

/// The runtime layer's zip: the executable `bootstrap` at its root.
pub fn runtime_zip(executable: &[u8]) -> Result<Vec<u8>, String> {
    zip(&[(RUNTIME_EXECUTABLE, executable, EXECUTABLE_MODE)], EXECUTABLE_LEVEL)
}

/// Deflate levels: zlib's default for a function's small files; the
/// fastest for the runtime, tens of megabytes packed at every compile
/// (with a 46 MB `bootstrap`, `wingc compile -t tf-aws` of the hello
/// example took 1.5 s for a 14 MB zip at the default level, 0.28 s for a
/// 17 MB zip at this one).
const SMALL_FILES_LEVEL: i64 = 6;
const EXECUTABLE_LEVEL: i64 = 1;

/// Unix permissions of a file in a zip, and of an executable.
const FILE_MODE: u32 = 0o644;
const EXECUTABLE_MODE: u32 = 0o755;

/// A zip of `files` (name, bytes, Unix permissions), deflated at `level`,
/// with the zip epoch as their time.
fn zip(files: &[(&str, &[u8], u32)], level: i64) -> Result<Vec<u8>, String> {
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .compression_level(Some(level))
        .last_modified_time(DateTime::default());
    for (name, bytes, mode) in files {
        writer.start_file(*name, options.unix_permissions(*mode)).map_err(|e| e.to_string())?;
        writer.write_all(bytes).map_err(|e| e.to_string())?;
    }
    writer.finish().map(|cursor| cursor.into_inner()).map_err(|e| e.to_string())
}
