//! Targets: take the evaluated app and its compiled bundles, give output on
//! disk. `sim` is the only target so far; `tf-aws` reports that it is not
//! built yet.

pub mod sim;
