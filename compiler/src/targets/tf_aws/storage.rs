//! Buckets on S3: takes a `cloud.Bucket` (props `public`, `forceDestroy`,
//! `cors`, `corsOptions`, rules added with `addCorsRule`, objects added
//! preflight) and its event handlers, gives the bucket with public access
//! blocked (unless public), encryption, ownership enforced, incomplete
//! uploads cleaned up after a week, its CORS rules
//! and objects, and its events through EventBridge: one rule per handler,
//! so any number of handlers may share an event type (S3's own
//! notifications allow one target per event type).

use super::document::{Address, literal};
use super::{Builder, Deployed, names};
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use wing_abi::Resource;

pub fn bucket(builder: &mut Builder<'_>, resource: &Resource) -> Deployed {
    let props = &resource.props;
    let flag = |name: &str, default: bool| props.get(name).and_then(Json::as_bool).unwrap_or(default);
    let public = flag("public", false);
    let (bucket, block) = s3_bucket(builder, &resource.path, flag("forceDestroy", false), public);
    let name = bucket.name.clone();
    if public {
        let policy = json!({
            "Version": "2012-10-17",
            "Statement": [{
                "Effect": "Allow",
                "Principal": "*",
                "Action": "s3:GetObject",
                "Resource": format!("{}/*", bucket.attr("arn"))
            }]
        });
        builder.doc.resource(
            "aws_s3_bucket_policy",
            &name,
            json!({
                "bucket": bucket.attr("id"),
                "policy": policy.to_string(),
                "depends_on": [block.dependency()]
            }),
        );
    }
    let rules = cors_rules(props);
    if !rules.is_empty() {
        builder.doc.resource(
            "aws_s3_bucket_cors_configuration",
            &name,
            json!({ "bucket": bucket.attr("id"), "cors_rule": rules }),
        );
    }
    if let Some(Json::Object(objects)) = props.get("initialObjects") {
        for (key, body) in objects {
            let body = body.as_str().unwrap_or_default();
            builder.doc.resource(
                "aws_s3_object",
                &format!("{name}_{key}"),
                json!({
                    "bucket": bucket.attr("id"),
                    "key": literal(key),
                    "content": literal(body),
                    "content_type": wing_abi::media::with_charset(wing_abi::media::mime_type(key))
                }),
            );
        }
    }
    Deployed {
        type_name: resource.type_name.clone(),
        arn: bucket.attr("arn"),
        attrs: BTreeMap::from([("name", bucket.attr("bucket"))]),
        address: bucket,
    }
}

/// An S3 bucket as every bucket of the app is made: public access blocked
/// (but for a public bucket's policy), encrypted, owned by its account
/// (no ACLs), incomplete uploads cleaned up after a week. Gives the bucket
/// and its public access block.
pub fn s3_bucket(builder: &mut Builder<'_>, path: &str, force_destroy: bool, public: bool) -> (Address, Address) {
    let name = names::tf_name(path);
    let bucket = builder.doc.resource(
        "aws_s3_bucket",
        &name,
        json!({ "bucket_prefix": names::bucket_prefix(path), "force_destroy": force_destroy }),
    );
    let block = builder.doc.resource(
        "aws_s3_bucket_public_access_block",
        &name,
        json!({
            "bucket": bucket.attr("id"),
            "block_public_acls": true,
            "ignore_public_acls": true,
            "block_public_policy": !public,
            "restrict_public_buckets": !public
        }),
    );

    builder.doc.resource(
        "aws_s3_bucket_server_side_encryption_configuration",
        &name,
        json!({
            "bucket": bucket.attr("id"),
            "rule": [{ "apply_server_side_encryption_by_default": [{ "sse_algorithm": "AES256" }] }]
        }),
    );
    builder.doc.resource(
        "aws_s3_bucket_ownership_controls",
        &name,
        json!({ "bucket": bucket.attr("id"), "rule": [{ "object_ownership": "BucketOwnerEnforced" }] }),
    );
    builder.doc.resource(
        "aws_s3_bucket_lifecycle_configuration",
        &name,
        json!({
            "bucket": bucket.attr("id"),
            "rule": [{
                "id": "abort-incomplete-uploads",
                "status": "Enabled",
                "filter": [{}],
                "abort_incomplete_multipart_upload": [{ "days_after_initiation": 7 }]
            }]
        }),
    );
    (bucket, block)
}

/// The CORS rules: `corsOptions` (or Wing's defaults when `cors` is not
/// turned off) and every rule added with `addCorsRule`.
fn cors_rules(props: &BTreeMap<String, Json>) -> Vec<Json> {
    let mut rules = Vec::new();
    if props.get("cors").and_then(Json::as_bool) != Some(false) {
        let options = props.get("corsOptions").cloned().unwrap_or_else(|| {
            json!({
                "allowedHeaders": ["*"],
                "allowedMethods": ["GET", "POST", "PUT", "DELETE", "HEAD"],
                "allowedOrigins": ["*"],
                "exposeHeaders": [],
                "maxAge": 0
            })
        });
        rules.push(cors_rule(&options));
    }
    if let Some(Json::Array(added)) = props.get("corsRules") {
        rules.extend(added.iter().map(cors_rule));
    }
    rules
}

fn cors_rule(options: &Json) -> Json {
    let list = |name: &str| options.get(name).cloned().unwrap_or_else(|| json!([]));
    json!({
        "allowed_headers": list("allowedHeaders"),
        "allowed_methods": list("allowedMethods"),
        "allowed_origins": list("allowedOrigins"),
        "expose_headers": list("exposeHeaders"),
        "max_age_seconds": options.get("maxAge").and_then(Json::as_f64).unwrap_or(0.0) as u64
    })
}

/// A handler of a bucket's events: an EventBridge rule matching them, its
/// target, and the permission for EventBridge to invoke the function.
pub fn bucket_events(builder: &mut Builder<'_>, bucket_path: &str, bucket: &Deployed, function_path: &str, events: &[String]) {
    let Some(function) = builder.functions.get(function_path).cloned() else { return };
    if !builder.notified_buckets.iter().any(|p| p == bucket_path) {
        builder.notified_buckets.push(bucket_path.to_string());
    }
    let mut detail_types: Vec<&str> =
        events.iter().map(|event| if event == "delete" { "Object Deleted" } else { "Object Created" }).collect();
    detail_types.dedup();
    let pattern = json!({
        "source": ["aws.s3"],
        "detail-type": detail_types,
        "detail": { "bucket": { "name": [bucket.attrs["name"]] } }
    });
    let name = names::tf_name(function_path);
    let rule = builder.doc.resource(
        "aws_cloudwatch_event_rule",
        &name,
        json!({
            "name_prefix": format!("${{var.name_prefix}}-{}-", name.chars().take(20).collect::<String>().replace('_', "-")),
            "description": format!("{} events of {bucket_path}", events.join(", ")),
            "event_pattern": pattern.to_string()
        }),
    );
    super::messaging::rule_target(builder, &rule, &function, &name);
}

/// One `aws_s3_bucket_notification` per bucket with handlers: S3 sends all
/// its events to EventBridge, where each handler's rule picks its own.
pub fn notifications(builder: &mut Builder<'_>) {
    for path in std::mem::take(&mut builder.notified_buckets) {
        let Some(bucket) = builder.deployed.get(&path).cloned() else { continue };
        builder.doc.resource(
            "aws_s3_bucket_notification",
            &names::tf_name(&path),
            json!({ "bucket": bucket.address.attr("id"), "eventbridge": true }),
        );
    }
}
