//! Integration tests live under `tests/harness`; this library holds what
//! they share with the tools in `src/bin`: the fuzzer ([`fuzz`]).

pub mod fuzz;
