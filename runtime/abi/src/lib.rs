//! The contract between the compiler and the simulator, shared by both
//! without linking wasmtime (the language server uses the compiler library).
//!
//! * [`manifest`]: the `app.json` a compile writes and the simulator reads.
//! * [`text`]: how values print (numbers, Json), so preflight and inflight
//!   code print the same value the same way.

pub mod manifest;
pub mod text;

pub use manifest::*;
