//! The contract between the compiler and the simulator, shared by both
//! without linking wasmtime (the language server uses the compiler library).
//!
//! * [`manifest`]: the `app.json` a compile writes and the simulator reads.
//! * [`text`]: how values print (numbers, Json), so preflight and inflight
//!   code print the same value the same way.
//! * [`cron`]: the cron expressions of `cloud.Schedule`, checked by the
//!   compiler and run by the simulator.
//! * [`token`]: placeholders for values only the running simulator knows
//!   (an Api's `url`).
//! * [`lambda`]: what a deployed function's runtime reads (tf-aws).
//! * [`media`]: the content type of a file by its extension.

pub mod cron;
pub mod lambda;
pub mod manifest;
pub mod media;
pub mod text;
pub mod token;

pub use manifest::*;
