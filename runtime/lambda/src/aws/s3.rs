//! `cloud.Bucket` on S3: takes a bucket operation with its arguments and
//! the bucket's `name` attribute, gives what the simulator's operation
//! gives (`sim/bucket.rs`), with its Wing errors. Byte ranges are cut from
//! the whole object as in the simulator (an HTTP `Range` without a start
//! means the last bytes, not the first). S3 sends the bucket's events to
//! its handlers itself (EventBridge), so an operation runs none.

use super::Target;
use super::sdk::failed;
use aws_sdk_s3::error::{ProvideErrorMetadata, SdkError};
use aws_sdk_s3::presigning::PresigningConfig;
use aws_sdk_s3::primitives::ByteStream;
use std::time::Duration;
use wing_runtime::backend::shared::{
    NOT_PUBLIC, SIGNED_URL_SECONDS, arg, byte_range, encode_path, field, object_missing, optional_text, parse_json,
    rename_to_itself, source_missing, text, wing,
};
use wing_runtime::backend::{OpError, OpResult};
use wing_std::Value;

/// Runs the bucket operation `method`; `None` when there is no such
/// operation on AWS.
pub fn bucket(target: &Target<'_>, method: &str, args: &[Value]) -> Option<OpResult> {
    let operation: Operation = match method {
        "put" => |target, args| {
            let key = text(args, 0)?;
            let content_type = optional_text(&[field(arg(args, 2), "contentType")], 0)?
                .unwrap_or_else(|| wing_abi::media::mime_type(&key).to_string());
            put(target, &key, text(args, 1)?, &content_type)
        },
        "putJson" => |target, args| {
            let body = arg(args, 1).to_json_text_pretty().or_else(|problem| wing(problem.to_string()))?;
            put(target, &text(args, 0)?, body, "application/json")
        },
        "get" => |target, args| {
            let key = text(args, 0)?;
            let body = read(target, &key)?.ok_or_else(|| object_missing(&key))?;
            Ok(Value::string(byte_range(body, arg(args, 1))))
        },
        "tryGet" => |target, args| {
            let body = read(target, &text(args, 0)?)?;
            Ok(body.map_or(Value::Nil, |body| Value::string(byte_range(body, arg(args, 1)))))
        },
        "getJson" => |target, args| {
            let key = text(args, 0)?;
            parse_json(&key, &read(target, &key)?.ok_or_else(|| object_missing(&key))?)
        },
        "tryGetJson" => |target, args| {
            let key = text(args, 0)?;
            read(target, &key)?.map_or(Ok(Value::Nil), |body| parse_json(&key, &body))
        },
        "exists" => |target, args| Ok(Value::Bool(head(target, &text(args, 0)?)?.is_some())),
        "delete" => |target, args| {
            let key = text(args, 0)?;
            let must_exist = matches!(field(arg(args, 1), "mustExist"), Value::Bool(true));
            if must_exist && head(target, &key)?.is_none() {
                return Err(object_missing(&key));
            }
            delete(target, &key).map(|()| Value::Nil)
        },
        "tryDelete" => |target, args| {
            let key = text(args, 0)?;
            let existed = head(target, &key)?.is_some();
            if existed {
                delete(target, &key)?;
            }
            Ok(Value::Bool(existed))
        },
        "list" => |target, args| list(target, &optional_text(args, 0)?.unwrap_or_default()),
        "copy" => |target, args| copy(target, &text(args, 0)?, &text(args, 1)?).map(|()| Value::Nil),
        "rename" => |target, args| {
            let (source, destination) = (text(args, 0)?, text(args, 1)?);
            if source == destination {
                return Err(rename_to_itself(&source, &destination));
            }
            copy(target, &source, &destination)?;
            delete(target, &source).map(|()| Value::Nil)
        },
        "metadata" => |target, args| {
            let key = text(args, 0)?;
            head(target, &key)?.ok_or_else(|| object_missing(&key))
        },
        "publicUrl" => |target, args| {
            let key = text(args, 0)?;
            if target.resource.props.get("public").and_then(serde_json::Value::as_bool) != Some(true) {
                return wing(NOT_PUBLIC);
            }
            let (name, region) = (target.attribute("name")?, target.sdk.region()?);
            Ok(Value::string(format!("https://{name}.s3.{region}.amazonaws.com/{}", encode_path(&key))))
        },
        "signedUrl" => |target, args| signed_url(target, &text(args, 0)?, arg(args, 1)),
        _ => return None,
    };
    Some(operation(target, args))
}

type Operation = fn(&Target<'_>, &[Value]) -> OpResult;

fn put(target: &Target<'_>, key: &str, body: String, content_type: &str) -> OpResult {
    let (s3, name) = (target.sdk.s3()?, target.attribute("name")?);
    let request = s3.put_object().bucket(name).key(key).content_type(content_type).body(ByteStream::from(body.into_bytes()));
    target.run(async { request.send().await.map_err(|e| failed("S3 PutObject", e)) })?;
    Ok(Value::Nil)
}

/// The object's body as text; `None` when there is no such object.
fn read(target: &Target<'_>, key: &str) -> Result<Option<String>, OpError> {
    let (s3, name) = (target.sdk.s3()?, target.attribute("name")?);
    let request = s3.get_object().bucket(name).key(key);
    target.run(async {
        let object = match request.send().await {
            Ok(object) => object,
            Err(error) if is_missing(&error) => return Ok(None),
            Err(error) => return Err(failed("S3 GetObject", error)),
        };
        let bytes = object.body.collect().await.map_err(|e| failed("S3 GetObject", e))?.into_bytes();
        Ok(Some(String::from_utf8_lossy(&bytes).into_owned()))
    })
}

/// The object's metadata (`size`, `lastModified`, `contentType`); `None`
/// when there is no such object.
fn head(target: &Target<'_>, key: &str) -> Result<Option<Value>, OpError> {
    let (s3, name) = (target.sdk.s3()?, target.attribute("name")?);
    let request = s3.head_object().bucket(name).key(key);
    let head = target.run(async {
        match request.send().await {
            Ok(head) => Ok(Some(head)),
            Err(error) if is_missing(&error) => Ok(None),
            Err(error) => Err(failed("S3 HeadObject", error)),
        }
    })?;
    Ok(head.map(|head| {
        let last_modified = head.last_modified().and_then(|t| t.to_millis().ok()).unwrap_or(0);
        let mut fields = wing_std::Entries::default();
        fields.insert("size".to_string(), Value::Num(head.content_length().unwrap_or(0) as f64));
        fields.insert("lastModified".to_string(), Value::Datetime { ms: last_modified as f64, offset_minutes: 0 });
        fields.insert("contentType".to_string(), head.content_type().map_or(Value::Nil, Value::str));
        Value::map(fields)
    }))
}

fn delete(target: &Target<'_>, key: &str) -> Result<(), OpError> {
    let (s3, name) = (target.sdk.s3()?, target.attribute("name")?);
    let request = s3.delete_object().bucket(name).key(key);
    target.run(async { request.send().await.map(|_| ()).map_err(|e| failed("S3 DeleteObject", e)) })
}

/// The keys starting with `prefix`, in key order (S3 lists them so).
fn list(target: &Target<'_>, prefix: &str) -> OpResult {
    let (s3, name) = (target.sdk.s3()?, target.attribute("name")?);
    let keys = target.run(async {
        let mut keys = Vec::new();
        let mut pages = s3.list_objects_v2().bucket(name).prefix(prefix).into_paginator().send();
        while let Some(page) = pages.next().await {
            let page = page.map_err(|e| failed("S3 ListObjectsV2", e))?;
            keys.extend(page.contents().iter().filter_map(|object| object.key()).map(Value::str));
        }
        Ok(keys)
    })?;
    Ok(Value::array(keys))
}

/// Copies an object with its content type.
fn copy(target: &Target<'_>, source: &str, destination: &str) -> Result<(), OpError> {
    let (s3, name) = (target.sdk.s3()?, target.attribute("name")?);
    let request = s3.copy_object().bucket(name).key(destination).copy_source(format!("{name}/{}", encode_path(source)));
    target.run(async {
        match request.send().await {
            Ok(_) => Ok(()),
            Err(error) if is_missing(&error) => Err(source_missing(source)),
            Err(error) => Err(failed("S3 CopyObject", error)),
        }
    })
}

/// A presigned URL to download (`DOWNLOAD`, the default) or upload
/// (`UPLOAD`) the object, valid for the options' `duration`.
fn signed_url(target: &Target<'_>, key: &str, options: &Value) -> OpResult {
    let seconds = match field(options, "duration") {
        Value::Num(s) | Value::Duration(s) if s > 0.0 => s,
        _ => SIGNED_URL_SECONDS,
    };
    let action = optional_text(&[field(options, "action")], 0)?.unwrap_or_else(|| "DOWNLOAD".to_string());
    let presigning = PresigningConfig::expires_in(Duration::from_secs_f64(seconds))
        .or_else(|problem| wing(format!("cannot sign a URL for {seconds} s: {problem}")))?;
    let (s3, name) = (target.sdk.s3()?, target.attribute("name")?);
    let request = match action.as_str() {
        "DOWNLOAD" => target.run(async {
            s3.get_object().bucket(name).key(key).presigned(presigning).await.map_err(|e| failed("S3 presigning", e))
        })?,
        "UPLOAD" => target.run(async {
            s3.put_object().bucket(name).key(key).presigned(presigning).await.map_err(|e| failed("S3 presigning", e))
        })?,
        _ => return wing(format!("unknown signed URL action \"{action}\" (DOWNLOAD or UPLOAD)")),
    };
    Ok(Value::str(request.uri()))
}

/// Whether S3 said there is no such object (`NoSuchKey`; `NotFound` to a
/// `HEAD`, which has no body to say it in).
fn is_missing<E: ProvideErrorMetadata, R>(error: &SdkError<E, R>) -> bool {
    matches!(error.code(), Some("NoSuchKey" | "NotFound"))
}
