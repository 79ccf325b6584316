//! wingc: compiles a Wing program into a simulator app (`target/<name>.wsim`)
//! or Terraform for AWS.
//!
//! One folder per pipeline stage, each depending only on the ones before it:
//! [`syntax`] (text → AST), [`check`] (names, types, phases, lifting),
//! [`preflight`] (runs top-level code into a resource tree), [`codegen`]
//! (inflight code → Wasm bundles), [`targets`] (writes the output). The
//! [`diagnostics`] every stage reports through are rendered by the CLI and
//! mapped by the language server. [`format`] lays a file out canonically
//! (`wingc fmt`, the editor's formatting).

pub mod check;
pub mod codegen;
pub mod diagnostics;
pub mod driver;
pub mod format;
pub mod preflight;
mod stack;
pub mod stdlib;
pub mod syntax;
pub mod targets;
