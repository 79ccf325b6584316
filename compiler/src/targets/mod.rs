//! Targets: take the evaluated app and its compiled bundles, give output on
//! disk. `sim` compiles the bundles and writes the simulator's manifest;
//! `tf_aws` turns that same manifest into Terraform for AWS.

pub mod sim;
pub mod tf_aws;
