//! Asset zips: takes a function's [`LambdaConfig`] and Wasm bundle, gives
//! the zip Lambda receives as the function's code. Zips are deterministic
//! (fixed times, fixed order), so Terraform redeploys a function only when
//! its code or config changed.

use std::io::Write;
use wing_abi::lambda::{BUNDLE_FILE, CONFIG_FILE, LambdaConfig};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipWriter};

/// The runtime layer's zip (`bootstrap`), shared by every function.
pub const RUNTIME_ZIP: &str = "assets/runtime.zip";

/// The zip of one function: `wing.json` and `bundle.wasm`.
pub fn function_zip(config: &LambdaConfig, wasm: &[u8]) -> Result<Vec<u8>, String> {
    let config = serde_json::to_vec_pretty(config).map_err(|e| e.to_string())?;
    zip(&[(CONFIG_FILE, &config), (BUNDLE_FILE, wasm)])
}

/// A zip of `files` (name, bytes), deflated, with the zip epoch as their
/// time.
pub fn zip(files: &[(&str, &[u8])]) -> Result<Vec<u8>, String> {
    let mut writer = ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(CompressionMethod::Deflated)
        .last_modified_time(DateTime::default())
        .unix_permissions(0o644);
    for (name, bytes) in files {
        writer.start_file(*name, options).map_err(|e| e.to_string())?;
        writer.write_all(bytes).map_err(|e| e.to_string())?;
    }
    writer.finish().map(|cursor| cursor.into_inner()).map_err(|e| e.to_string())
}
