//! Integration tests live under `tests/harness`.
