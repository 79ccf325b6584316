//! Code shared by the compiler's integration tests.

pub mod generator;
