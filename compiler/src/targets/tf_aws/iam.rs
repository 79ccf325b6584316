//! IAM for the tf-aws target: takes the operations a bundle is granted on
//! each resource (the same lift data the simulator turns into handle
//! grants), gives the policy statements of the function's role.
//!
//! [`ACTIONS`] is the one table from an inflight method to the exact IAM
//! actions its AWS call needs and the ARN they apply to. A method that
//! needs no AWS call (`Bucket.publicUrl` builds a URL) maps to no action;
//! a method missing from the table cannot be deployed and is reported.

use std::collections::{BTreeMap, BTreeSet};

/// What a statement's `Resource` is, for a resource's ARN.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Scope {
    /// The resource itself (a queue, a table, a bucket for listing).
    Resource,
    /// The objects of a bucket (`arn/*`).
    Objects,
}

/// (resource type, inflight method, IAM actions, what they apply to).
pub const ACTIONS: &[(&str, &str, &[&str], Scope)] = &[
    // S3 answers 403 instead of 404 for a missing key unless the caller may
    // list the bucket, so every method that must tell "missing" from
    // "forbidden" also lists; existence is a one-key listing.
    ("cloud.Bucket", "put", &["s3:PutObject"], Scope::Objects),
    ("cloud.Bucket", "putJson", &["s3:PutObject"], Scope::Objects),
    ("cloud.Bucket", "get", &["s3:GetObject"], Scope::Objects),
    ("cloud.Bucket", "get", &["s3:ListBucket"], Scope::Resource),
    ("cloud.Bucket", "getJson", &["s3:GetObject"], Scope::Objects),
    ("cloud.Bucket", "getJson", &["s3:ListBucket"], Scope::Resource),
    ("cloud.Bucket", "tryGet", &["s3:GetObject"], Scope::Objects),
    ("cloud.Bucket", "tryGet", &["s3:ListBucket"], Scope::Resource),
    ("cloud.Bucket", "tryGetJson", &["s3:GetObject"], Scope::Objects),
    ("cloud.Bucket", "tryGetJson", &["s3:ListBucket"], Scope::Resource),
    ("cloud.Bucket", "exists", &["s3:ListBucket"], Scope::Resource),
    ("cloud.Bucket", "delete", &["s3:DeleteObject"], Scope::Objects),
    ("cloud.Bucket", "delete", &["s3:ListBucket"], Scope::Resource),
    ("cloud.Bucket", "tryDelete", &["s3:DeleteObject"], Scope::Objects),
    ("cloud.Bucket", "tryDelete", &["s3:ListBucket"], Scope::Resource),
    ("cloud.Bucket", "list", &["s3:ListBucket"], Scope::Resource),
    ("cloud.Bucket", "copy", &["s3:GetObject", "s3:PutObject"], Scope::Objects),
    ("cloud.Bucket", "copy", &["s3:ListBucket"], Scope::Resource),
    ("cloud.Bucket", "rename", &["s3:DeleteObject", "s3:GetObject", "s3:PutObject"], Scope::Objects),
    ("cloud.Bucket", "rename", &["s3:ListBucket"], Scope::Resource),
    ("cloud.Bucket", "metadata", &["s3:GetObject"], Scope::Objects),
    ("cloud.Bucket", "metadata", &["s3:ListBucket"], Scope::Resource),
    ("cloud.Bucket", "publicUrl", &[], Scope::Resource),
    // A presigned URL carries its signer's permission: downloads need
    // GetObject, uploads PutObject (the action is chosen at run time).
    ("cloud.Bucket", "signedUrl", &["s3:GetObject", "s3:PutObject"], Scope::Objects),
    ("cloud.Queue", "push", &["sqs:SendMessage"], Scope::Resource),
    ("cloud.Queue", "pop", &["sqs:DeleteMessage", "sqs:ReceiveMessage"], Scope::Resource),
    ("cloud.Queue", "purge", &["sqs:PurgeQueue"], Scope::Resource),
    ("cloud.Queue", "approxSize", &["sqs:GetQueueAttributes"], Scope::Resource),
    ("cloud.Topic", "publish", &["sns:Publish"], Scope::Resource),
    ("cloud.Counter", "inc", &["dynamodb:UpdateItem"], Scope::Resource),
    ("cloud.Counter", "dec", &["dynamodb:UpdateItem"], Scope::Resource),
    ("cloud.Counter", "set", &["dynamodb:UpdateItem"], Scope::Resource),
    ("cloud.Counter", "peek", &["dynamodb:GetItem"], Scope::Resource),
    ("cloud.Function", "invoke", &["lambda:InvokeFunction"], Scope::Resource),
    ("cloud.Function", "invokeAsync", &["lambda:InvokeFunction"], Scope::Resource),
    ("cloud.Secret", "value", &["secretsmanager:GetSecretValue"], Scope::Resource),
    ("cloud.Secret", "valueJson", &["secretsmanager:GetSecretValue"], Scope::Resource),
    ("ex.Table", "insert", &["dynamodb:PutItem"], Scope::Resource),
    ("ex.Table", "upsert", &["dynamodb:PutItem"], Scope::Resource),
    ("ex.Table", "update", &["dynamodb:UpdateItem"], Scope::Resource),
    ("ex.Table", "delete", &["dynamodb:DeleteItem"], Scope::Resource),
    ("ex.Table", "get", &["dynamodb:GetItem"], Scope::Resource),
    ("ex.Table", "tryGet", &["dynamodb:GetItem"], Scope::Resource),
    ("ex.Table", "list", &["dynamodb:Scan"], Scope::Resource),
];

/// Whether `method` of `type_name` can be deployed (it has a table row).
pub fn is_known(type_name: &str, method: &str) -> bool {
    ACTIONS.iter().any(|(t, m, _, _)| *t == type_name && *m == method)
}

/// The actions `methods` of a `type_name` need, by scope.
pub fn actions<'o>(type_name: &str, methods: impl IntoIterator<Item = &'o String>) -> BTreeMap<Scope, BTreeSet<&'static str>> {
    let mut by_scope: BTreeMap<Scope, BTreeSet<&'static str>> = BTreeMap::new();
    for method in methods {
        for (_, _, actions, scope) in ACTIONS.iter().filter(|(t, m, _, _)| *t == type_name && m == method) {
            if !actions.is_empty() {
                by_scope.entry(*scope).or_default().extend(actions.iter().copied());
            }
        }
    }
    by_scope
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn actions_are_exact_and_grouped_by_arn() {
        let methods = ["put".to_string(), "tryGet".to_string(), "publicUrl".to_string()];
        let needed = actions("cloud.Bucket", &methods);
        assert_eq!(needed[&Scope::Objects].iter().copied().collect::<Vec<_>>(), ["s3:GetObject", "s3:PutObject"]);
        assert_eq!(needed[&Scope::Resource].iter().copied().collect::<Vec<_>>(), ["s3:ListBucket"]);
        assert!(actions("cloud.Bucket", &["publicUrl".to_string()]).is_empty());
        assert!(is_known("cloud.Queue", "push") && !is_known("cloud.Service", "start"));
    }
}
