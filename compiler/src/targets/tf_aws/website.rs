//! Websites on S3 and CloudFront: takes a `cloud.Website` (props `path`, a
//! folder of the program's, `errorDocument`, files added preflight), gives
//! a private bucket holding every file (copied into `assets/` so the
//! output folder is self-contained), a CloudFront distribution reading it
//! through an origin access control (HTTPS only, security headers), and
//! the bucket policy
//! that lets only that distribution read. `website.url` is the
//! distribution's `https://` address.

use super::document::literal;
use super::{Builder, Deployed, names};
use serde_json::{Value as Json, json};
use std::collections::BTreeMap;
use std::path::Path;
use wing_abi::Resource;

/// CloudFront's managed caching policy for static files.
const CACHING_OPTIMIZED: &str = "658327ea-f89d-4fab-a63d-7e88639e58f6";

pub fn website(builder: &mut Builder<'_>, resource: &Resource) -> Option<Deployed> {
    let files = match files(builder.input.root, &resource.props) {
        Ok(files) => files,
        Err(error) => {
            builder.error(&resource.path, "E0706", error, None);
            return None;
        }
    };
    let (bucket, _) = super::storage::s3_bucket(builder, &resource.path, true, false);
    let name = bucket.name.clone();
    for (key, (bytes, content_type)) in files {
        let asset = format!("assets/{name}/{key}");
        let source = format!("${{path.module}}/{asset}");
        builder.doc.resource(
            "aws_s3_object",
            &format!("{name}_{key}"),
            json!({
                "bucket": bucket.attr("id"),
                "key": literal(&key),
                "source": source,
                "etag": format!("${{filemd5(\"{source}\")}}"),
                "content_type": content_type.unwrap_or_else(|| wing_abi::media::content_type(&key))
            }),
        );
        builder.assets.push((asset, bytes));
    }
    let access = builder.doc.resource(
        "aws_cloudfront_origin_access_control",
        &name,
        json!({
            "name": names::physical(&resource.path),
            "origin_access_control_origin_type": "s3",
            "signing_behavior": "always",
            "signing_protocol": "sigv4"
        }),
    );
    let headers = builder.doc.resource(
        "aws_cloudfront_response_headers_policy",
        &name,
        json!({
            "name": names::physical(&resource.path),
            "comment": format!("Security headers of {}", resource.path),
            "security_headers_config": [{
                "strict_transport_security": [{ "access_control_max_age_sec": 31536000, "include_subdomains": true, "preload": true, "override": true }],
                "content_type_options": [{ "override": true }],
                "frame_options": [{ "frame_option": "SAMEORIGIN", "override": true }],
                "referrer_policy": [{ "referrer_policy": "strict-origin-when-cross-origin", "override": true }],
                "xss_protection": [{ "protection": true, "mode_block": true, "override": true }]
            }]
        }),
    );
    let mut distribution = json!({
        "enabled": true,
        "comment": resource.path,
        "default_root_object": "index.html",
        "origin": [{
            "origin_id": "site",
            "domain_name": bucket.attr("bucket_regional_domain_name"),
            "origin_access_control_id": access.attr("id")
        }],
        "default_cache_behavior": [{
            "target_origin_id": "site",
            "viewer_protocol_policy": "redirect-to-https",
            "allowed_methods": ["GET", "HEAD"],
            "cached_methods": ["GET", "HEAD"],
            "compress": true,
            "cache_policy_id": CACHING_OPTIMIZED,
            "response_headers_policy_id": headers.attr("id")
        }],
        "restrictions": [{ "geo_restriction": [{ "restriction_type": "none" }] }],
        "viewer_certificate": [{ "cloudfront_default_certificate": true }]
    });
    if let Some(document) = resource.props.get("errorDocument").and_then(Json::as_str) {
        distribution["custom_error_response"] = json!([
            { "error_code": 403, "response_code": 404, "response_page_path": format!("/{}", document.trim_start_matches('/')) },
            { "error_code": 404, "response_code": 404, "response_page_path": format!("/{}", document.trim_start_matches('/')) }
        ]);
    }
    let distribution = builder.doc.resource("aws_cloudfront_distribution", &name, distribution);
    let policy = json!({
        "Version": "2012-10-17",
        "Statement": [{
            "Effect": "Allow",
            "Principal": { "Service": "cloudfront.amazonaws.com" },
            "Action": "s3:GetObject",
            "Resource": format!("{}/*", bucket.attr("arn")),
            "Condition": { "StringEquals": { "AWS:SourceArn": distribution.attr("arn") } }
        }]
    });
    builder.doc.resource("aws_s3_bucket_policy", &name, json!({ "bucket": bucket.attr("id"), "policy": policy.to_string() }));
    let url = format!("https://{}", distribution.attr("domain_name"));
    builder.doc.output(&format!("{name}_url"), &format!("The URL of {}", resource.path), url.clone());
    Some(Deployed {
        type_name: resource.type_name.clone(),
        arn: distribution.attr("arn"),
        attrs: BTreeMap::from([("url", url)]),
        address: distribution,
    })
}

/// A file's bytes and, for a file added preflight, its content type.
type File = (Vec<u8>, Option<String>);

/// Every file of the website, by key: those of its folder (read now), then
/// those added preflight (which win, as in the simulator).
fn files(root: &Path, props: &BTreeMap<String, Json>) -> Result<BTreeMap<String, File>, String> {
    let folder = props.get("path").and_then(Json::as_str).unwrap_or(".");
    let dir = root.join(folder);
    let mut files = BTreeMap::new();
    read_folder(&dir, &dir, &mut files)
        .map_err(|error| format!("cannot read the website's folder {}: {error}", dir.display()))?;
    if let Some(Json::Object(added)) = props.get("files") {
        for (file, entry) in added {
            let text = |name: &str| entry.get(name).and_then(Json::as_str).map(str::to_string);
            let body = text("body").unwrap_or_default().into_bytes();
            files.insert(file.trim_start_matches('/').to_string(), (body, text("contentType")));
        }
    }
    Ok(files)
}

fn read_folder(base: &Path, dir: &Path, files: &mut BTreeMap<String, File>) -> std::io::Result<()> {
    let mut entries: Vec<_> = std::fs::read_dir(dir)?.collect::<Result<_, _>>()?;
    entries.sort_by_key(|e| e.file_name());
    for entry in entries {
        let path = entry.path();
        if entry.file_type()?.is_dir() {
            read_folder(base, &path, files)?;
        } else {
            let key = path.strip_prefix(base).unwrap_or(&path).to_string_lossy().replace('\\', "/");
            files.insert(key, (std::fs::read(&path)?, None));
        }
    }
    Ok(())
}
